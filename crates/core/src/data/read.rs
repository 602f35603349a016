//! Reading a file's bytes, within the limits: what every loader of a file
//! on disk starts with (the study file and the CSV and workbook files it
//! is built from).

use crate::data::{limits, table};
use crate::error::{LoadError, LoadErrors};
use std::path::Path;

/// Reads a file's bytes, or an error naming it. At most
/// [`limits::MAX_FILE_BYTES`] are read: a device such as `/dev/zero`, or a
/// file far larger than any study, is refused before it fills the memory.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadErrors> {
    use std::io::Read;
    let name = path.display().to_string();
    let fail = |e: std::io::Error| {
        LoadErrors(vec![LoadError::file(
            &name,
            format!("cannot read the file: {e}"),
        )])
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(LoadErrors(vec![LoadError::file(
            &name,
            "cannot read the file: it is a folder",
        )]));
    }
    if meta.is_file() && meta.len() > limits::MAX_FILE_BYTES {
        return Err(LoadErrors(vec![table::too_large(&name)]));
    }
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(LoadErrors(vec![table::too_large(&name)]));
    }
    Ok(bytes)
}
