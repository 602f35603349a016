//! A workbook's zip archive: the parts it declares, counted before the zip
//! reader reserves memory for them, and each part unpacked within one budget
//! for them all (what the archive declares and what actually comes out).

use super::unreadable;
use crate::data::cells::clip;
use crate::data::limits;
use crate::error::LoadError;
use std::io::{Cursor, Read};

/// The number of parts the archive's end records declare (the largest, when
/// it has several candidates or a ZIP64 record), read before the zip reader
/// reserves memory for them.
pub(super) fn declared_parts(bytes: &[u8]) -> u64 {
    let u16_at = |at: usize| {
        bytes
            .get(at..at + 2)
            .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u64_at = |at: usize| {
        bytes.get(at..at + 8).map_or(0, |b| {
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            u64::from_le_bytes(a)
        })
    };
    // The end record lies in the last 64 KiB (its comment is at most that).
    let from = bytes.len().saturating_sub(65_557 + 22);
    let mut most = 0;
    let tail = bytes.get(from..).unwrap_or_default();
    for (i, _) in tail
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x05\x06")
    {
        let at = from + i;
        most = most.max(u16_at(at + 8)).max(u16_at(at + 10));
        // A ZIP64 locator just before it points at the ZIP64 end record.
        if at >= 20 && bytes.get(at - 20..at - 16) == Some(b"PK\x06\x07") {
            let record = u64_at(at - 20 + 8);
            if let Ok(r) = usize::try_from(record)
                && bytes.get(r..r.saturating_add(4)) == Some(b"PK\x06\x06")
            {
                most = most
                    .max(u64_at(r.saturating_add(24)))
                    .max(u64_at(r.saturating_add(32)));
            }
        }
    }
    // Any ZIP64 end record in the tail, wherever a locator points.
    for (i, _) in tail
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x06\x06")
    {
        let at = from + i;
        most = most.max(u64_at(at + 24)).max(u64_at(at + 32));
    }
    most
}

/// The archive's parts, unpacked within one budget for them all.
pub(super) struct Parts<'a> {
    pub(super) file: &'a str,
    pub(super) zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    pub(super) budget: u64,
    pub(super) left: u64,
}

impl Parts<'_> {
    /// The bomb message: the parts unpack to more than the limit.
    fn too_big(&self, name: &str, how: String) -> LoadError {
        LoadError::file(
            self.file,
            format!(
                "the workbook unpacks to more than {}, the most this tool unpacks ({}: {how}): it is damaged or not a study's table; save its sheet again as \"CSV UTF-8 (Comma delimited)\"",
                limits::size(self.budget),
                clip(name)
            ),
        )
    }

    /// A part's bytes, `None` when the archive has no such part.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, LoadError> {
        let left = self.left;
        let (declared, result) = {
            let part = match self.zip.by_name(name) {
                Ok(p) => p,
                Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                Err(e) => return Err(unreadable(self.file, e)),
            };
            let declared = part.size();
            if declared > left {
                (declared, None)
            } else {
                let mut out = Vec::new();
                let read = part.take(left.saturating_add(1)).read_to_end(&mut out);
                (declared, Some(read.map(|_| out)))
            }
        };
        match result {
            None => Err(self.too_big(
                name,
                format!("it declares {} bytes", limits::count(declared)),
            )),
            Some(Err(e)) => Err(unreadable(self.file, e)),
            Some(Ok(out)) if out.len() as u64 > left => Err(self.too_big(
                name,
                format!(
                    "it declares {} bytes and unpacks to more",
                    limits::count(declared)
                ),
            )),
            Some(Ok(out)) => {
                self.left -= out.len() as u64;
                Ok(Some(out))
            }
        }
    }
}
