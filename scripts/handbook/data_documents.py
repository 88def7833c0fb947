"""The register of documents (data/documents.yml): schema and loader.

Every document the handbook relies on beyond the source article — Party
documents, and the public pages and open-source tools it read them through —
with what the handbook uses it for and how sure that is. Rendered on the
reference page docs/tra-cuu/van-ban(.en).md (<!-- stcb:documents -->); the
"Bổ sung" / "Added" boxes cite it with <!-- stcb:docs ID ... --> (components/
documents.py), and the validator rule `added-citations` checks those citations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from scripts.handbook.data import Bilingual, Strict, Text, load
from scripts.handbook.paths import DATA

Status = Literal["official-text", "secondary-source", "unconfirmed"]
STATUSES: tuple[str, ...] = Status.__args__
# A citation `was:ID` names a superseded document as the former rule, on purpose.
FORMER = "was:"


class Document(Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    kind: Literal["party", "web", "tool"]
    number: str | None = None
    # A short name where the number alone is not one, e.g. the Charter's articles.
    short: Bilingual | None = None
    date: str | None = None
    issuer: Bilingual
    title: Bilingual
    used_for: Bilingual
    status: Status
    superseded_by: str | None = None
    read_at: list[Text] = []
    note: Bilingual | None = None

    @model_validator(mode="after")
    def _party_has_number(self):
        if self.kind == "party" and not self.number:
            raise ValueError(f"{self.id}: a Party document needs its `number` "
                             "(e.g. 12-HD/BTCTW)")
        return self


class Register(Strict):
    documents: list[Document]

    @model_validator(mode="after")
    def _ids(self):
        ids = [d.id for d in self.documents]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"document id used twice: {', '.join(twice)}")
        for doc in self.documents:
            if doc.superseded_by and doc.superseded_by not in ids:
                raise ValueError(f"{doc.id}: superseded_by '{doc.superseded_by}' is not in "
                                 "the register")
        return self

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}


def load_documents(data_dir: Path = DATA) -> Register:
    return load(data_dir / "documents.yml", Register)
