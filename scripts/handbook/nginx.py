"""Run Debian's nginx with deploy/nginx.conf on 127.0.0.1, for the tests and `perf`.

Everything nginx writes (pid, logs, temp files) goes to a temporary prefix; the
server blocks are deploy/nginx.conf with only their `listen` lines, the
certificate (a self-signed one for 127.0.0.1, made with openssl at start) and
`$stcb_root` changed, so what is tested is what is shipped. The main
configuration is our own, so it loads the Brotli static module itself (Debian's
does through /etc/nginx/modules-enabled/). `run` yields the
HTTPS base URL; its `.http` is the plain-HTTP one (which only redirects) and its
`.cert` the certificate to trust (`ssl_context()`; browsers: ignore_https_errors).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from scripts.handbook.browser import BROTLI_STATIC_MODULE
from scripts.handbook.deploy import OUTPUT as CONF

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served(str):
    """The HTTPS base URL ("https://127.0.0.1:PORT"), with the plain-HTTP one
    (`.http`) and the self-signed certificate the server presents (`.cert`)."""

    http: str
    cert: Path

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))


def _sub(pattern: str, replacement: str, text: str, conf: Path, expected: int = 1) -> str:
    text, count = re.subn(pattern, replacement, text, flags=re.M)
    if count != expected:
        raise ValueError(f"{conf}: expected {expected} line(s) matching {pattern!r}")
    return text


def server_block(site: Path, port: int, conf: Path = CONF, *, tls_port: int | None = None,
                 cert: Path | None = None, key: Path | None = None) -> str:
    text = conf.read_text(encoding="utf-8")
    text = _sub(r"^\s*listen \[::\]:(80|443)\b[^;]*;\n", "", text, conf, 2)
    text = _sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};", text, conf)
    text = _sub(r"^(\s*)listen 443 ", rf"\1listen 127.0.0.1:{tls_port or free_port()} ",
                text, conf)
    if cert and key:
        text = _sub(r"^(\s*ssl_certificate\s+)[^;]+;", rf"\g<1>{cert};", text, conf)
        text = _sub(r"^(\s*ssl_certificate_key\s+)[^;]+;", rf"\g<1>{key};", text, conf)
    return _sub(r"^(\s*)set \$stcb_root [^;]+;", rf"\1set $stcb_root {site.resolve()};",
                text, conf)


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1, valid for a day (openssl)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    if not shutil.which("openssl"):
        raise FileNotFoundError("openssl is missing — run `make browser` (apt-get install openssl)")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def main_conf(prefix: Path, server: str) -> str:
    temp = "\n".join(f"    {name}_temp_path {prefix / 'tmp' / name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would otherwise run as `nobody`, who cannot read
    # a site under a private temporary folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}load_module {BROTLI_STATIC_MODULE};\n"
            f"worker_processes 1;\npid {prefix / 'nginx.pid'};\n"
            f"error_log {prefix / 'error.log'} warn;\n"
            "events { worker_connections 64; }\n"
            f"http {{\n    include {MIME_TYPES};\n    default_type application/octet-stream;\n"
            f"    access_log off;\n{temp}\n{server}\n}}\n")


@contextlib.contextmanager
def run(site: Path, conf: Path = CONF) -> Iterator[Served]:
    """Serve *site* with nginx; yield its HTTPS base URL ("https://127.0.0.1:PORT")."""
    if not Path(NGINX).exists():
        raise FileNotFoundError("nginx is missing — run `make browser` (apt-get install nginx)")
    if not Path(BROTLI_STATIC_MODULE).exists():
        # No fallback: deploy/nginx.conf says `brotli_static on`, which nginx rejects without it.
        raise FileNotFoundError(
            f"{BROTLI_STATIC_MODULE} is missing — run `make browser` "
            "(apt-get install libnginx-mod-http-brotli-static)")
    prefix = Path(tempfile.mkdtemp(prefix="stcb-nginx-"))
    try:
        (prefix / "tmp").mkdir()
        port, tls_port = free_port(), free_port()
        cert, key = self_signed(prefix)
        conf_file = prefix / "nginx.conf"
        block = server_block(site, port, conf, tls_port=tls_port, cert=cert, key=key)
        conf_file.write_text(main_conf(prefix, block), encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf_file)],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejected the configuration:\n{check.stderr}")
        log = prefix / "stderr.log"
        with open(log, "w") as stderr:
            process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf_file),
                                        "-g", "daemon off;"], stderr=stderr)
            try:
                _wait_for(port, process, log)
                _wait_for(tls_port, process, log)
                served = Served(f"https://127.0.0.1:{tls_port}")
                served.http, served.cert = f"http://127.0.0.1:{port}", cert
                yield served
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def _wait_for(port: int, process: subprocess.Popen, log: Path, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited: {log.read_text()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nginx did not listen on 127.0.0.1:{port}")
