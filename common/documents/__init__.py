"""Printed documents: blank data-collection forms and I4C posters as PDF, correct in Khmer.

Builders take plain input (`common.documents.data`) that the server and the client
gather from their own stores; nothing here reads a database. Text is shaped with
HarfBuzz and broken at Khmer word boundaries (`common.documents.text`).
"""

from common.documents.batch import BatchItem, BatchResult, render, write_batch
from common.documents.blank_form import blank_form_pdf, build_forms
from common.documents.data import (
    BlankFormInput,
    DocumentCancelled,
    DocumentOptions,
    JaapAction,
    Place,
    PosterInput,
    Progress,
    UnitIdentity,
)
from common.documents.page import TextCheckError, qr_payload
from common.documents.poster import build_posters, poster_pdf, public_indicators
from common.documents.text import check_text, recording

__all__ = [
    "BatchItem",
    "BatchResult",
    "BlankFormInput",
    "DocumentCancelled",
    "DocumentOptions",
    "JaapAction",
    "Place",
    "PosterInput",
    "Progress",
    "TextCheckError",
    "UnitIdentity",
    "blank_form_pdf",
    "build_forms",
    "build_posters",
    "check_text",
    "poster_pdf",
    "public_indicators",
    "qr_payload",
    "recording",
    "render",
    "write_batch",
]
