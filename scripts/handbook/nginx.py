"""Run Debian's nginx with deploy/nginx.conf on 127.0.0.1, for the tests and `perf`.

Everything nginx writes (pid, logs, temp files) goes to a temporary prefix; the
server block is deploy/nginx.conf with only its `listen` lines and `$stcb_root`
changed, so what is tested is what is shipped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from scripts.handbook.deploy import OUTPUT as CONF

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_block(site: Path, port: int, conf: Path = CONF) -> str:
    text = conf.read_text(encoding="utf-8")
    text = re.sub(r"^\s*listen \[::\]:80;\n", "", text, flags=re.M)
    text = re.sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};", text, flags=re.M)
    text, count = re.subn(r"^(\s*)set \$stcb_root [^;]+;",
                          rf"\1set $stcb_root {site.resolve()};", text, flags=re.M)
    if count != 1:
        raise ValueError(f"{conf}: expected one `set $stcb_root …;` line")
    return text


def main_conf(prefix: Path, server: str) -> str:
    temp = "\n".join(f"    {name}_temp_path {prefix / 'tmp' / name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would otherwise run as `nobody`, who cannot read
    # a site under a private temporary folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 1;\npid {prefix / 'nginx.pid'};\n"
            f"error_log {prefix / 'error.log'} warn;\n"
            "events { worker_connections 64; }\n"
            f"http {{\n    include {MIME_TYPES};\n    default_type application/octet-stream;\n"
            f"    access_log off;\n{temp}\n{server}\n}}\n")


@contextlib.contextmanager
def run(site: Path, conf: Path = CONF) -> Iterator[str]:
    """Serve *site* with nginx; yield its base URL ("http://127.0.0.1:PORT")."""
    if not Path(NGINX).exists():
        raise FileNotFoundError("nginx is missing — run `make browser` (apt-get install nginx)")
    prefix = Path(tempfile.mkdtemp(prefix="stcb-nginx-"))
    try:
        (prefix / "tmp").mkdir()
        port = free_port()
        conf_file = prefix / "nginx.conf"
        conf_file.write_text(main_conf(prefix, server_block(site, port, conf)), encoding="utf-8")
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
                yield f"http://127.0.0.1:{port}"
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
