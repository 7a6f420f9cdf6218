//! Writing output files so that a failure never leaves a damaged file or
//! destroys a good one: each file is written in full next to its target
//! under a temporary name, and renamed into place only once every file of
//! the run was written. A full disk or a killed process then leaves last
//! quarter's report as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The temporary name of `target`: hidden, in the same folder (a rename is
/// only atomic within one file system).
fn partial(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.partial"))
}

/// Writes every `(path, bytes)`, all or nothing as far as the file system
/// allows: if any write fails, none of the targets is touched and no
/// temporary file is left behind. Returns a message naming the file.
pub fn write_all(files: &[(PathBuf, &[u8])]) -> Result<(), String> {
    let mut written: Vec<PathBuf> = Vec::new();
    let cleanup = |written: &[PathBuf]| {
        for p in written {
            let _ = std::fs::remove_file(p);
        }
    };
    // A device or pipe (`--out /dev/stdout`) cannot be replaced by a
    // rename: write to it directly.
    let special = |p: &Path| std::fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir());
    if files.iter().any(|(p, _)| special(p)) {
        for (target, bytes) in files {
            std::fs::write(target, bytes)
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        }
        return Ok(());
    }
    for (target, bytes) in files {
        let tmp = partial(target);
        let result = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        });
        match result {
            Ok(()) => written.push(tmp),
            Err(e) => {
                // A file half written under the temporary name goes too.
                let _ = std::fs::remove_file(&tmp);
                cleanup(&written);
                return Err(format!("cannot write {}: {e}", target.display()));
            }
        }
    }
    for (i, (target, _)) in files.iter().enumerate() {
        if let Err(e) = std::fs::rename(&written[i], target) {
            cleanup(&written[i..]);
            return Err(format!("cannot write {}: {e}", target.display()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_previous_files_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let html = dir.path().join("report.html");
        let pdf = dir.path().join("report.pdf");
        std::fs::write(&html, "last quarter").unwrap();
        std::fs::write(&pdf, "last quarter's pdf").unwrap();
        // The PDF's temporary name is taken by a folder: its write fails.
        std::fs::create_dir(partial(&pdf)).unwrap();
        let err = write_all(&[(html.clone(), b"new"), (pdf.clone(), b"new pdf")]).unwrap_err();
        assert!(err.contains("report.pdf"), "{err}");
        assert_eq!(std::fs::read_to_string(&html).unwrap(), "last quarter");
        assert_eq!(std::fs::read_to_string(&pdf).unwrap(), "last quarter's pdf");
        assert!(!partial(&html).exists());
        // Once the way is clear, both are replaced.
        std::fs::remove_dir(partial(&pdf)).unwrap();
        write_all(&[(html.clone(), b"new"), (pdf.clone(), b"new pdf")]).unwrap();
        assert_eq!(std::fs::read_to_string(&html).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&pdf).unwrap(), "new pdf");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2);
    }
}
