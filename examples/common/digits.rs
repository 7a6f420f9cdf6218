//! How the floors (`floor.rs`, `floor_split.rs`) read a cell.

/// The value of a cell of ASCII digits (at most 18), else `None`.
pub fn digits(cell: &[u8]) -> Option<u64> {
    match cell {
        [d] if d.is_ascii_digit() => Some(u64::from(d - b'0')),
        [] => None,
        _ if cell.len() <= 18 && cell.iter().all(u8::is_ascii_digit) => Some(
            cell.iter()
                .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0')),
        ),
        _ => None,
    }
}
