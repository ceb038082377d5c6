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
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from simulator.errors import DataError, UsageError
from simulator.models import CallHeader
from simulator.transcript import read_transcript, transcripts_dir

MANIFEST = "callsim-export.json"
FORMAT = "callsim-export"
MEMBER_RE = re.compile(r"^transcripts/([A-Za-z0-9][A-Za-z0-9._-]*)\.jsonl$")


def export_calls(archive: Path, paths: list[Path], *, force: bool = False) -> int:
    """Write the transcripts and a manifest with checksums into a .tar.gz; returns the count."""
    if archive.exists() and not force:
        raise UsageError(f"{archive}: already exists; pick another name or pass --force")
    calls: dict[str, dict[str, object]] = {}
    blobs: list[tuple[str, bytes]] = []
    for path in paths:
        data = path.read_bytes()
        name = f"transcripts/{path.name}"
        calls[path.stem] = {"file": name, "sha256": hashlib.sha256(data).hexdigest()}
        blobs.append((name, data))
    manifest = {"format": FORMAT, "version": 1, "exported_at": time.time(), "calls": calls}
    archive.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a failed export leaves no half archive.
    fd, tmp = tempfile.mkstemp(dir=archive.parent, prefix=".callsim-export-")
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            for name, data in [(MANIFEST, json.dumps(manifest, indent=2).encode()), *blobs]:
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
                tar.addfile(info, io.BytesIO(data))
        os.replace(tmp, archive)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(blobs)


@dataclass
class ImportReport:
    """What an import did, member by member."""

    imported: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _manifest(tar: tarfile.TarFile, archive: Path) -> dict[str, str]:
    """Call id -> sha256 from the manifest; an archive without one is not ours."""
    try:
        member = tar.getmember(MANIFEST)
        fh = tar.extractfile(member)
        data = json.loads(fh.read() if fh else b"")
        if data.get("format") != FORMAT:
            raise ValueError("not a callsim export")
        return {cid: str(entry["sha256"]) for cid, entry in data["calls"].items()}
    except KeyError as exc:
        raise DataError(f"{archive}: {MANIFEST}: missing; not a callsim export") from exc
    except (ValueError, TypeError, AttributeError, tarfile.TarError) as exc:
        raise DataError(f"{archive}: {MANIFEST}: damaged ({exc})") from exc


def _check(name: str, call_id: str, data: bytes, sums: dict[str, str]) -> str | None:
    """Why a member cannot be imported, or None."""
    if call_id not in sums:
        return "not listed in the manifest"
    if hashlib.sha256(data).hexdigest() != sums[call_id]:
        return "checksum does not match the manifest (changed or corrupted)"
    first = data.split(b"\n", 1)[0]
    try:
        header = CallHeader.model_validate_json(first)
    except ValidationError as exc:
        return f"line 1: not a valid call header ({exc.errors()[0]['msg']})"
    if header.id != call_id:
        return f"line 1: header id {header.id!r} does not match the file name"
    return None


def _place(data: bytes, dest: Path) -> bool:
    """Write `data` at `dest` only if nothing is there; False when something already is."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".import-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # link() fails if dest exists, so a call that appeared meanwhile is never replaced.
        os.link(tmp, dest)
        return True
    except FileExistsError:
        return False
    finally:
        Path(tmp).unlink(missing_ok=True)


def import_calls(archive: Path) -> ImportReport:
    """Validate each member and add the new calls; duplicates are skipped, damage reported."""
    if not archive.is_file():
        raise UsageError(f"{archive}: no such archive")
    report = ImportReport()
    folder = transcripts_dir()
    try:
        tar = tarfile.open(archive, mode="r:*")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise DataError(f"{archive}: not a readable archive ({exc})") from exc
    with tar:
        sums = _manifest(tar, archive)
        seen = 0
        try:
            for member in tar:
                seen += 1
                _one(tar, member, sums, folder, report, archive)
        except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
            report.damaged.append(
                f"{archive}: cut short after {seen} member(s) ({exc}); the rest could not be read"
            )
    return report


def _one(
    tar: tarfile.TarFile,
    member: tarfile.TarInfo,
    sums: dict[str, str],
    folder: Path,
    report: ImportReport,
    archive: Path,
) -> None:
    """Import one archive member (or say why not)."""
    if member.name == MANIFEST or member.isdir():
        return
    where = f"{archive}: {member.name}"
    match = MEMBER_RE.match(member.name)
    if not match or not member.isfile():
        report.damaged.append(f"{where}: unexpected member (not a transcript file); ignored")
        return
    call_id = match.group(1)
    fh = tar.extractfile(member)
    data = fh.read() if fh else b""
    why = _check(member.name, call_id, data, sums)
    if why:
        report.damaged.append(f"{where}: {why}; not imported")
        return
    dest = folder / f"{call_id}.jsonl"
    if dest.exists() or not _place(data, dest):
        report.duplicates.append(call_id)
        return
    report.imported.append(call_id)
    problems = read_transcript(dest).problems
    if problems:
        report.notes.append(f"{where}: imported; {len(problems)} unreadable line(s) skipped")
