//! Writing a file atomically: a temporary file in the same folder, flushed,
//! then renamed over the target; what is written over respected, and the
//! temporary files of killed saves removed.

use crate::error::SaveError;
use std::io::Write;
use std::path::Path;

/// Where a write to `path` lands: a symbolic link is followed to the file
/// it names (the link itself stays), through chains of links.
fn link_target(path: &Path) -> std::io::Result<std::path::PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other(
        "it is a chain of more than 40 symbolic links",
    ))
}

/// A temporary name unique to this process and this write (two threads
/// saving at once never share one).
fn temporary_name(name: &str) -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(".{name}.{}-{n}.tmp", std::process::id())
}

/// Whether a temporary file of an earlier save was left by a process that
/// no longer runs (killed during the save): on Linux, its process is gone;
/// elsewhere, or when the process number was taken again, a day old.
fn is_stale(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() && !proc.join(pid.to_string()).exists() {
        return true;
    }
    std::fs::symlink_metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600))
}

/// Removes the temporary files (or folders) `.NAME.PID.tmp` and
/// `.NAME.PID-N.tmp` that earlier saves of `name` in `dir` left behind
/// when they were killed. Best effort: what cannot be removed stays.
pub fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(middle) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix.as_str()))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        let pid = middle.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let path = entry.path();
        if let Some(pid) = pid
            && is_stale(pid, &path)
        {
            let _ = match entry.file_type() {
                Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
                _ => std::fs::remove_file(&path),
            };
        }
    }
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same
/// folder, flushed to disk, then renamed over the target. On failure the
/// old file is untouched and the temporary file removed.
///
/// What is written over is respected: a symbolic link is followed and its
/// file replaced (the link stays a link); a replaced file keeps its
/// permissions (and, where the system allows, its owner); a folder, a
/// device, a pipe or a socket is never replaced (`/dev/null` stays a
/// device; `-o -` is how a command writes to standard output). Temporary
/// files of earlier saves that were killed are removed on the way.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.display().to_string(),
        source,
    };
    let target = link_target(path).map_err(err)?;
    let existing = match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(err(std::io::Error::other(
                "it is a folder: name a file in it",
            )));
        }
        Ok(m) if !m.is_file() => {
            return Err(err(std::io::Error::other(
                "it is a device, a pipe or a socket, not a file, and is never replaced (to write to standard output, use -o -)",
            )));
        }
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(err(e)),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    remove_stale_temporaries(&dir, &name);
    let tmp = dir.join(temporary_name(&name));
    let result = (|| {
        {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            f.write_all(bytes)?;
            if let Some(m) = &existing {
                keep_owner(&f, m);
                f.set_permissions(m.permissions())?;
            }
            f.sync_all()?;
        } // Closed before the rename: Windows renames no open file.
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

/// Gives the new file the replaced file's owner and group, where the
/// system allows it (root may; others keep their own): a file an
/// administrator saves for a user stays the user's.
#[cfg(unix)]
fn keep_owner(f: &std::fs::File, m: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(f, Some(m.uid()), Some(m.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &std::fs::File, _: &std::fs::Metadata) {}
