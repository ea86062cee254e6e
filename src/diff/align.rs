//! Alignment of two sequences of keys: unique common keys as anchors (their longest increasing
//! run), small gaps between anchors refined by Myers, large gaps left as replacements. Linear-ish
//! whatever the input, and deterministic.

use ahash::AHashMap as HashMap;
use std::hash::Hash;

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// One aligned run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `old[old..old+len]` equals `new[new..new+len]`.
    Equal {
        /// Start in the old sequence.
        old: usize,
        /// Start in the new sequence.
        new: usize,
        /// Length of the run.
        len: usize,
    },
    /// The old range replaced by the new range (either may be empty).
    Change {
        /// Old range (start, end).
        old: (usize, usize),
        /// New range (start, end).
        new: (usize, usize),
    },
}

impl Op {
    /// The same run with both sides' positions moved by `by` (an alignment of sub-slices that
    /// start at `by` on both sides).
    pub fn shifted(self, by: usize) -> Op {
        match self {
            Op::Equal { old, new, len } => Op::Equal {
                old: old + by,
                new: new + by,
                len,
            },
            Op::Change { old, new } => Op::Change {
                old: (old.0 + by, old.1 + by),
                new: (new.0 + by, new.1 + by),
            },
        }
    }
}

/// Largest gap (product of lengths) refined with Myers.
const MYERS_LIMIT: usize = 1_000_000;

/// The lengths of the longest common prefix of `old` and `new`, and of their longest common
/// suffix in what the prefix leaves.
pub fn common_ends<T: PartialEq>(old: &[T], new: &[T]) -> (usize, usize) {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (prefix, suffix)
}

/// Aligns `old` and `new`; the flag says a large gap was left unrefined.
pub fn align<T: Hash + Eq + Ord>(old: &[T], new: &[T]) -> (Vec<Op>, bool) {
    let mut ops = Vec::new();
    let mut bounded = false;
    // common prefix and suffix first: repeated lines at the ends need no search
    let (prefix, suffix) = common_ends(old, new);
    if prefix > 0 {
        push_equal(&mut ops, 0, 0, prefix);
    }
    let (oe, ne) = (old.len() - suffix, new.len() - suffix);
    let anchors: Vec<(usize, usize)> = unique_anchors(&old[prefix..oe], &new[prefix..ne])
        .into_iter()
        .map(|(o, n)| (o + prefix, n + prefix))
        .collect();
    let (mut oi, mut ni) = (prefix, prefix);
    for (ao, an) in anchors.into_iter().chain(std::iter::once((oe, ne))) {
        gap(old, new, (oi, ao), (ni, an), &mut ops, &mut bounded);
        if ao < oe && an < ne {
            push_equal(&mut ops, ao, an, 1);
        }
        oi = ao + 1;
        ni = an + 1;
    }
    if suffix > 0 {
        push_equal(&mut ops, oe, ne, suffix);
    }
    (ops, bounded)
}

fn push_equal(ops: &mut Vec<Op>, old: usize, new: usize, len: usize) {
    if let Some(Op::Equal {
        old: o,
        new: n,
        len: l,
    }) = ops.last_mut()
        && *o + *l == old
        && *n + *l == new
    {
        *l += len;
        return;
    }
    ops.push(Op::Equal { old, new, len });
}

fn gap<T: Hash + Eq + Ord>(
    old: &[T],
    new: &[T],
    o: (usize, usize),
    n: (usize, usize),
    ops: &mut Vec<Op>,
    bounded: &mut bool,
) {
    let (lo, ln) = (o.1 - o.0, n.1 - n.0);
    if lo == 0 && ln == 0 {
        return;
    }
    if lo == 0 || ln == 0 || lo.saturating_mul(ln) > MYERS_LIMIT {
        if lo > 0 && ln > 0 {
            *bounded = true;
        }
        ops.push(Op::Change { old: o, new: n });
        return;
    }
    for op in capture_diff_slices(Algorithm::Myers, &old[o.0..o.1], &new[n.0..n.1]) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => push_equal(ops, o.0 + old_index, n.0 + new_index, len),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => push_change(
                ops,
                (o.0 + old_index, o.0 + old_index + old_len),
                (n.0 + new_index, n.0 + new_index),
            ),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => push_change(
                ops,
                (o.0 + old_index, o.0 + old_index),
                (n.0 + new_index, n.0 + new_index + new_len),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => push_change(
                ops,
                (o.0 + old_index, o.0 + old_index + old_len),
                (n.0 + new_index, n.0 + new_index + new_len),
            ),
        }
    }
}

fn push_change(ops: &mut Vec<Op>, old: (usize, usize), new: (usize, usize)) {
    if let Some(Op::Change { old: o, new: n }) = ops.last_mut()
        && o.1 == old.0
        && n.1 == new.0
    {
        o.1 = old.1;
        n.1 = new.1;
        return;
    }
    ops.push(Op::Change { old, new });
}

/// Pairs (old index, new index) of keys that occur exactly once on each side, in an order that
/// increases on both sides (longest increasing subsequence).
fn unique_anchors<T: Hash + Eq>(old: &[T], new: &[T]) -> Vec<(usize, usize)> {
    let mut count: HashMap<&T, (usize, usize, usize, usize)> = HashMap::new();
    for (i, k) in old.iter().enumerate() {
        let e = count.entry(k).or_insert((0, 0, 0, 0));
        e.0 += 1;
        e.2 = i;
    }
    for (i, k) in new.iter().enumerate() {
        if let Some(e) = count.get_mut(k) {
            e.1 += 1;
            e.3 = i;
        }
    }
    let mut pairs: Vec<(usize, usize)> = count
        .values()
        .filter(|(a, b, _, _)| *a == 1 && *b == 1)
        .map(|&(_, _, o, n)| (o, n))
        .collect();
    pairs.sort_unstable();
    // longest increasing subsequence on the new index
    let news: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    lis_positions(&news).into_iter().map(|i| pairs[i]).collect()
}

/// Positions (in `seq`) of the longest increasing subsequence of `seq`.
pub fn lis_positions(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for i in 0..seq.len() {
        let pos = tails.partition_point(|&t| seq[t] < seq[i]);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_with_anchors() {
        let old = ["a", "b", "c", "d"];
        let new = ["a", "x", "c", "d", "e"];
        let (ops, bounded) = align(&old, &new);
        assert!(!bounded);
        assert_eq!(
            ops,
            vec![
                Op::Equal {
                    old: 0,
                    new: 0,
                    len: 1
                },
                Op::Change {
                    old: (1, 2),
                    new: (1, 2)
                },
                Op::Equal {
                    old: 2,
                    new: 2,
                    len: 2
                },
                Op::Change {
                    old: (4, 4),
                    new: (4, 5)
                },
            ]
        );
    }

    #[test]
    fn repeated_lines() {
        let old = ["x", "x", "x"];
        let new = ["x", "x", "x", "x"];
        let (ops, _) = align(&old, &new);
        let equal: usize = ops
            .iter()
            .map(|o| if let Op::Equal { len, .. } = o { *len } else { 0 })
            .sum();
        assert_eq!(equal, 3);
    }

    #[test]
    fn lis() {
        assert_eq!(lis_positions(&[0, 2, 1, 3]), vec![0, 2, 3]);
    }
}
