"""Monitoring returns: managers build, write sections H and I, submit and amend; commissioners
read and download (shared mode, every programme)."""

READERS = {"manager", "commissioner"}

ROUTES = {
    "returns.index": READERS,
    "returns.build": READERS,
    "returns.download": READERS,
    "returns.draft": {"manager"},
    "returns.submit": {"manager"},
    "returns.submitted": READERS,
    "returns.snapshot": READERS,
    "returns.snapshot_download": READERS,
}
