"""The readers stop at their budgets: a zip-bomb .docx and PDF bombs are refused
in well under a second or two, each with its own message, and ordinary
documents still read.

The bombs are built cheaply: a block of text is deflated once and its packed
form repeated (after a full flush the compressor's output for the same input is
the same bytes), so a document.xml of 1 GB costs a 3 MB file and no gigabyte
is ever held or compressed by the test."""

import io
import struct
import time
import zipfile
import zlib

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.importer.errors import UnreadableDocument
from programmes.importer.readers import Budget, read_document
from programmes.tests.test_importer_readers import docx_bytes, make_pdf, text_stream

PARAGRAPH = "<w:p><w:r><w:t>Phối hợp tuyên truyền về khuyến học, khuyến tài</w:t></w:r></w:p>".encode()


def _member(name: str, chunks, size: int, crc: int):
    return {"name": name.encode(), "chunks": chunks, "size": size, "crc": crc}


def _packed(data: bytes):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return _member("", [packer.compress(data) + packer.flush()], len(data), zlib.crc32(data))


def write_zip(path, members) -> None:
    """A zip of raw deflate members, written by hand (zipfile has no way to add packed data)."""
    central = b""
    with open(path, "wb") as out:
        for member in members:
            offset = out.tell()
            packed_size = sum(len(chunk) for chunk in member["chunks"])
            fields = (20, 0, 8, 0, 0x21, member["crc"], packed_size, member["size"], len(member["name"]), 0)
            out.write(b"PK\x03\x04" + struct.pack("<5H3L2H", *fields) + member["name"])
            for chunk in member["chunks"]:
                out.write(chunk)
            central += b"PK\x01\x02" + struct.pack("<6H3L5H2L", 20, *fields, 0, 0, 0, 0, offset) + member["name"]
        start = out.tell()
        out.write(central)
        out.write(b"PK\x05\x06" + struct.pack("<4H2LH", 0, 0, len(members), len(members), len(central), start, 0))


def docx_bomb(path, unpacked: int) -> None:
    """A real .docx whose document.xml is ``unpacked`` bytes of repeated paragraphs."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(docx.Document())))
    head, tail = source.read("word/document.xml").split(b"<w:body>")
    head += b"<w:body>"
    tail = b"</w:body>" + tail.split(b"</w:body>")[1]
    block = PARAGRAPH * 10_000
    count = (unpacked - len(head) - len(tail)) // len(block)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_head = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    packed_block = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH) == packed_block
    packed_tail = packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    members = []
    for info in source.infolist():
        if info.filename == "word/document.xml":
            chunks = [packed_head, *[packed_block] * count, packed_tail]
            size = len(head) + count * len(block) + len(tail)
            members.append(_member(info.filename, chunks, size, crc))
        else:
            members.append({**_packed(source.read(info)), "name": info.filename.encode()})
    write_zip(path, members)


def refused(data, filename="", **budget):
    """The reader's refusal and the CPU seconds this process spent reaching it: the work done,
    which other processes on a busy machine do not inflate as they do the wall clock."""
    started = time.process_time()
    with pytest.raises(UnreadableDocument) as excinfo:
        read_document(data, filename, budget=Budget(**budget) if budget else None)
    return excinfo.value, time.process_time() - started


@pytest.fixture(scope="module")
def gigabyte_docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("bombs") / "ke-hoach.docx"
    docx_bomb(path, 1_000_000_000)
    return path.read_bytes()


def test_a_zip_bomb_docx_is_refused_from_its_directory(gigabyte_docx):
    assert len(gigabyte_docx) < 5 * 1024 * 1024  # within the upload limit
    error, seconds = refused(gigabyte_docx, "ke-hoach.docx")
    assert error.code == "unpacked_too_large"
    assert error.detail["size"] > 999_000_000
    assert seconds < 0.5


def test_a_300_kb_docx_of_90_mb_no_longer_takes_a_minute(tmp_path):
    # Below the old limit of 20 times the upload limit: this read and parsed for about a minute.
    path = tmp_path / "ke-hoach.docx"
    docx_bomb(path, 90_000_000)
    assert path.stat().st_size < 400_000
    error, seconds = refused(path.read_bytes(), "ke-hoach.docx")
    assert error.code == "unpacked_too_large"
    assert seconds < 0.5


def test_a_docx_packed_like_a_bomb_is_refused_even_within_the_bytes_budget(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    docx_bomb(path, 20_000_000)  # under the 25 MB budget, but packed about 300 times
    error, seconds = refused(path.read_bytes())
    assert error.code == "too_compressed"
    assert seconds < 0.5


def test_the_bomb_gets_a_clear_vietnamese_message_on_the_page(client, world, editor, gigabyte_docx):
    client.force_login(editor)
    upload = SimpleUploadedFile("ke-hoach.docx", gigabyte_docx)
    started = time.monotonic()
    response = client.post(reverse("programmes:plan_import"), {"document": upload})
    assert time.monotonic() - started < 3
    assert response.status_code == 200
    assert "Khi giải nén, văn bản này chiếm hơn 25,0" in response.content.decode()


def numbered_docx(paragraphs: int) -> bytes:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH PHỐI HỢP")
    for number in range(1, paragraphs):
        document.add_paragraph(f"{number}. Tuyên truyền về khuyến học")
    return docx_bytes(document)


def test_paragraphs_characters_and_seconds_are_counted_in_a_docx():
    data = numbered_docx(30)
    assert read_document(data, budget=Budget(paragraphs=30)).count("\n") == 29
    assert refused(data, paragraphs=29)[0].detail == {"limit": 29}
    assert refused(data, paragraphs=29)[0].code == "too_many_paragraphs"
    assert refused(data, characters=100)[0].code == "too_long"
    assert refused(data, seconds=0)[0].code == "too_slow"


def flate_stream(size: int) -> bytes:
    """A page content stream of ``size`` decoded bytes of text operators, deflated."""
    packer = zlib.compressobj(9)
    operators = b"(Ke hoach phoi hop) Tj T* " * 40_000
    parts = [packer.compress(b"BT /F1 12 Tf 72 770 Td 14 TL ")]
    for _ in range(size // len(operators)):
        parts.append(packer.compress(operators))
    return b"".join(parts) + packer.compress(b"ET") + packer.flush()


def test_a_pdf_page_that_inflates_to_a_hundred_megabytes_is_refused_fast():
    data = make_pdf([flate_stream(100_000_000)], flate=True)
    assert len(data) < 300_000
    error, seconds = refused(data, "ke-hoach.pdf")
    assert error.code == "too_complex"
    assert seconds < 1


def test_a_pdf_of_thousands_of_pages_is_refused_fast():
    data = make_pdf([text_stream("Muc dich")] * 3000)
    error, seconds = refused(data, "ke-hoach.pdf")
    assert error.code == "too_many_pages" and error.detail == {"limit": 300}
    assert seconds < 2


def test_the_deadline_stops_pypdf_inside_a_slow_page():
    # 2 MB of text operators that pypdf extracts in quadratic time: about a minute before.
    data = make_pdf([flate_stream(2_000_000)], flate=True)
    error, seconds = refused(data, seconds=1)
    assert error.code == "too_slow"
    assert seconds < 2.5


def test_pages_characters_and_decoded_bytes_are_counted_in_a_pdf():
    data = make_pdf([text_stream("Muc dich"), text_stream("Yeu cau"), text_stream("Noi dung")])
    assert "Noi dung" in read_document(data, budget=Budget(pages=3))
    assert refused(data, pages=2)[0].code == "too_many_pages"
    assert refused(data, characters=10)[0].code == "too_long"
    assert refused(data, unpacked_bytes=100)[0].code == "unpacked_too_large"


def test_the_settings_can_lower_a_budget(settings):
    settings.IMPORT_BUDGETS = {"paragraphs": 5}
    assert refused(numbered_docx(10))[0].code == "too_many_paragraphs"
