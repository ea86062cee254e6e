//! One build at a time per output folder: an advisory lock (`flock`) on `.<name>.policyc-lock`
//! beside the output folder, held from before the leftover sweep until the new site is in place.
//! The file keeps the holder's process id so that a second build can name it. The file itself is
//! never removed: removing a lock file lets two processes lock two different files of one name.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A held lock; released when dropped (or when the process ends, however it ends).
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
}

/// Whether to wait for another build holding the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Fail at once, naming the holder.
    No,
    /// Block until the holder ends; `on_wait` is told once, with the holder, before blocking.
    Yes,
}

/// The lock file of output folder `out` (its name, beside it in folder `parent`).
pub fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.policyc-lock"))
}

/// Takes the lock of the output folder whose lock file is `path`. With [`Wait::No`] a lock held
/// by another process is an error naming it; with [`Wait::Yes`], `on_wait` is called with the
/// holder's description and the call blocks until the lock is free.
pub fn acquire(path: &Path, out: &Path, wait: Wait, on_wait: &dyn Fn(&str)) -> Result<BuildLock> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| Error::io("cannot create the lock", path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let holder = holder(&mut file);
            match wait {
                Wait::No => {
                    return Err(Error::Usage(format!(
                        "{}: another build is writing this output folder ({holder}; lock {}); \
                         nothing written: run again when it is done, or pass --wait",
                        out.display(),
                        path.display()
                    )));
                }
                Wait::Yes => {
                    on_wait(&holder);
                    file.lock().map_err(|e| Error::io("cannot lock", path, e))?;
                }
            }
        }
        Err(TryLockError::Error(e)) => return Err(Error::io("cannot lock", path, e)),
    }
    // the holder's id, for whoever finds the lock taken
    let id = std::process::id().to_string();
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(id.as_bytes()))
        .map_err(|e| Error::io("cannot write", path, e))?;
    Ok(BuildLock { _file: file })
}

/// "process N" when the lock file names a process, else "another process".
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    let _ = file.take(32).read_to_string(&mut text);
    match text.trim().parse::<u32>() {
        Ok(pid) => format!("process {pid}"),
        Err(_) => "another process".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_fails_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let path = lock_path(dir.path(), "output");
        let first = acquire(&path, Path::new("output"), Wait::No, &|_| {}).unwrap();
        let err = acquire(&path, Path::new("output"), Wait::No, &|_| {}).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(&format!("process {}", std::process::id())) && message.contains("--wait"),
            "{message}"
        );
        drop(first);
        acquire(&path, Path::new("output"), Wait::No, &|_| {}).unwrap();
    }
}
