"""Export calls to one archive and import them elsewhere: validated, never overwriting."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from simulator.errors import CallsimError, DataError, UsageError
from simulator.i18n import _
from simulator.models import CallHeader, is_call_id
from simulator.safe_files import NoSuchFile, decode, open_regular, parse_json, read_bytes
from simulator.transcript import (
    MAX_TRANSCRIPT_BYTES,
    parse_header,
    read_transcript,
    transcripts_dir,
)

MANIFEST = "callsim-export.json"
FORMAT = "callsim-export"
MEMBER_RE = re.compile(r"^transcripts/([^/]+)\.jsonl$")
# Checked against each member's header before a byte of it is read or written: a sparse
# gigabyte fits in a 2 KB archive.
MAX_MEMBER_BYTES = MAX_TRANSCRIPT_BYTES
MAX_MANIFEST_BYTES = 16 * 1024 * 1024  # about 100,000 calls
CHUNK = 1 << 20
# What a damaged or hostile archive raises while being read.
UNREADABLE = (tarfile.TarError, OSError, EOFError, zlib.error)


@dataclass
class ExportReport:
    """What an export wrote, and the files it left out."""

    count: int = 0
    skipped: list[str] = field(default_factory=list)


def _unique(chosen: list[tuple[Path, CallHeader]], report: ExportReport) -> dict[str, Path]:
    """One file per call id: a copy of a transcript under another name is left out."""
    by_id: dict[str, Path] = {}
    for path, header in chosen:
        if not is_call_id(header.id):
            report.skipped.append(
                _("{path}: header id is not a call id; skipped").format(path=path)
            )
            continue
        kept = by_id.get(header.id)
        if kept is None:
            by_id[header.id] = path
            continue
        if path.stem == header.id:  # keep the file named after the call
            by_id[header.id], path = path, kept
        copy = _("{path}: a copy of call {id}; exported once")
        report.skipped.append(copy.format(path=path, id=header.id))
    return by_id


def export_calls(
    archive: Path, chosen: list[tuple[Path, CallHeader]], *, force: bool = False
) -> ExportReport:
    """Write the transcripts and a manifest with checksums into a .tar.gz."""
    if archive.exists() and not force:
        raise UsageError(
            _("{path}: already exists; pick another name or pass --force").format(path=archive)
        )
    report = ExportReport()
    calls: dict[str, dict[str, object]] = {}
    blobs: list[tuple[str, bytes]] = []
    for call_id, path in _unique(chosen, report).items():
        try:
            data = read_bytes(path, MAX_TRANSCRIPT_BYTES)
        except DataError as exc:  # replaced by a FIFO or grown since it was listed
            report.skipped.append(_("{problem}; skipped").format(problem=exc))
            continue
        # Named by the call id, so the archive always re-imports under the same name.
        name = f"transcripts/{call_id}.jsonl"
        calls[call_id] = {"file": name, "sha256": hashlib.sha256(data).hexdigest()}
        blobs.append((name, data))
    manifest = {"format": FORMAT, "version": 1, "exported_at": time.time(), "calls": calls}
    archive.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a failed export leaves no half archive.
    fd, tmp = tempfile.mkstemp(dir=archive.parent, prefix=".callsim-export-")
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            # The manifest first: import reads the archive as a stream and needs it first.
            for name, data in [(MANIFEST, json.dumps(manifest, indent=2).encode()), *blobs]:
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
                tar.addfile(info, io.BytesIO(data))
        os.replace(tmp, archive)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    report.count = len(blobs)
    return report


@dataclass
class ImportReport:
    """What an import did, member by member."""

    imported: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _manifest(
    tar: tarfile.TarFile, member: tarfile.TarInfo | None, archive: Path
) -> dict[str, str]:
    """Call id -> sha256 from the manifest (the first member); an archive without one is not ours."""
    where = f"{archive}: {MANIFEST}"
    if member is None or member.name != MANIFEST:
        raise DataError(
            _("{where}: missing (it must come first); not a callsim export").format(where=where)
        )
    if not member.isfile() or member.size > MAX_MANIFEST_BYTES:
        raise DataError(
            _("{where}: not a file of at most {limit} bytes").format(
                where=where, limit=f"{MAX_MANIFEST_BYTES:,}"
            )
        )
    fh = tar.extractfile(member)
    try:
        data: Any = parse_json(decode(where, fh.read() if fh else b""))
    except ValueError as exc:
        raise DataError(f"{where}: {exc}") from exc
    calls = data.get("calls") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(calls, dict):
        raise DataError(
            _("{where}: expected an object with format {format!r} and calls").format(
                where=where, format=FORMAT
            )
        )
    sums: dict[str, str] = {}
    for call_id, entry in calls.items():
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise DataError(
                _("{where}: calls: expected a sha256 (64 hex digits) for each call").format(
                    where=where
                )
            )
        sums[call_id] = digest
    return sums


def import_calls(archive: Path) -> ImportReport:
    """Validate each member and add the new calls; duplicates are skipped, damage reported."""
    try:
        fd = open_regular(archive)
    except NoSuchFile as exc:
        raise UsageError(_("{path}: no such archive").format(path=archive)) from exc
    report = ImportReport()
    folder = transcripts_dir()
    with os.fdopen(fd, "rb") as raw:
        try:
            # "r|*": a stream, member after member; nothing is read ahead or held.
            tar = tarfile.open(fileobj=raw, mode="r|*")  # noqa: SIM115 (closed below)
            first = tar.next()
        except UNREADABLE as exc:
            bad = _("{path}: not a readable archive ({why})")
            raise DataError(bad.format(path=archive, why=_short(exc))) from exc
        with tar:
            sums = _manifest(tar, first, archive)
            seen = 1
            try:
                while (member := tar.next()) is not None:
                    seen += 1
                    _one(tar, member, sums, folder, report, archive)
            except UNREADABLE as exc:
                cut = _("{path}: cut short after {n} member(s) ({why}); the rest could not be read")
                report.damaged.append(cut.format(path=archive, n=seen, why=_short(exc)))
    return report


def _short(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0][:120]


def _one(
    tar: tarfile.TarFile,
    member: tarfile.TarInfo,
    sums: dict[str, str],
    folder: Path,
    report: ImportReport,
    archive: Path,
) -> None:
    """Import one archive member (or say why not)."""
    if member.isdir():
        return
    where = f"{archive}: {member.name}"
    match = MEMBER_RE.match(member.name)
    if not match or not member.isfile():
        odd = _("{where}: unexpected member (not a transcript file); ignored")
        report.damaged.append(odd.format(where=where))
        return
    call_id = match.group(1)
    if not is_call_id(call_id):
        not_id = _("{where}: {id!r} is not a call id; not imported")
        report.damaged.append(not_id.format(where=where, id=call_id[:40]))
        return
    if call_id not in sums:
        unlisted = _("{where}: not listed in the manifest; not imported")
        report.damaged.append(unlisted.format(where=where))
        return
    if member.size > MAX_MEMBER_BYTES:
        large = _("{where}: {size} bytes is too large (at most {limit}); not imported")
        report.damaged.append(
            large.format(where=where, size=f"{member.size:,}", limit=f"{MAX_MEMBER_BYTES:,}")
        )
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".import-")
    try:
        with os.fdopen(fd, "wb") as out:
            digest, head = _copy(tar.extractfile(member), out)
        why, header_id = _check(where, head, digest, sums[call_id], call_id)
        if header_id and header_id != call_id and _known(header_id, sums, folder):
            report.duplicates.append(call_id)
            copy = _("{where}: a copy of call {id}; skipped")
            report.notes.append(copy.format(where=where, id=header_id))
        elif why:
            report.damaged.append(_("{where}: {why}; not imported").format(where=where, why=why))
        elif not _place(Path(tmp), folder / f"{call_id}.jsonl"):
            report.duplicates.append(call_id)
        else:
            report.imported.append(call_id)
            bad = read_transcript(folder / f"{call_id}.jsonl").bad_lines
            if bad:
                skipped = _("{where}: imported; {n} unreadable line(s) skipped")
                report.notes.append(skipped.format(where=where, n=bad))
    except CallsimError as exc:
        why = str(exc).splitlines()[0]
        report.damaged.append(_("{where}: {why}; not imported").format(where=where, why=why))
    finally:
        Path(tmp).unlink(missing_ok=True)


def _copy(src: IO[bytes] | None, out: IO[bytes]) -> tuple[str, bytes]:
    """Stream a member to `out` in chunks, hashing it; returns the digest and the first line."""
    sha = hashlib.sha256()
    head = b""
    while src is not None and (chunk := src.read(CHUNK)):
        sha.update(chunk)
        if b"\n" not in head and len(head) < CHUNK:
            head += chunk
        out.write(chunk)
    out.flush()
    os.fsync(out.fileno())
    return sha.hexdigest(), head.split(b"\n", 1)[0]


def _check(where: str, head: bytes, digest: str, listed: str, call_id: str) -> tuple[str, str]:
    """Why a member cannot be imported ("" if it can), and its header's call id."""
    if digest != listed:
        return _("checksum does not match the manifest (changed or corrupted)"), ""
    try:
        header = parse_header(where, head)
    except DataError as exc:
        return str(exc).removeprefix(f"{where}: "), ""
    if header.id != call_id:
        mismatch = _("line 1: header id {id!r} does not match the file name")
        return mismatch.format(id=header.id[:40]), header.id
    return "", header.id


def _known(call_id: str, sums: dict[str, str], folder: Path) -> bool:
    """Whether a call is in this archive under its own name, or already imported."""
    return call_id in sums or (folder / f"{call_id}.jsonl").exists()


def _place(tmp: Path, dest: Path) -> bool:
    """Link the written file at `dest` only if nothing is there; False when something is."""
    try:
        # link() fails if dest exists, so a call that appeared meanwhile is never replaced.
        os.link(tmp, dest)
        return True
    except FileExistsError:
        return False
