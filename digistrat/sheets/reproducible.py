"""Byte-for-byte reproducible workbooks from openpyxl (the partner forms of ``abfrage``).

openpyxl stamps the document properties and every zip entry with the current time; the forms
carry a fixed date instead, and their entries the fixed time of :mod:`digistrat.xlsx_writer`.
"""

from __future__ import annotations

import datetime as dt
import zipfile

from digistrat.xlsx_writer import ZIP_TIME

FIXED_TIME = dt.datetime(2000, 1, 1)  # a constant instead of "now", for reproducible files


class ReproducibleZip(zipfile.ZipFile):
    """A ZipFile that stamps every entry with the same time (openpyxl writes sheets from temp files)."""

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as fh:
            data = fh.read()
        self.writestr(arcname or filename, data, compress_type, compresslevel)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_TIME)
            zinfo.compress_type = self.compression
            zinfo.external_attr = 0o600 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)
