//! The threads that add up scored rows: `n` adders take batches as the
//! reading thread sends them and keep the exact integer sums
//! ([`Counts`]), each of its own share; one more thread puts the batches
//! back in file order and adds the floating-point sums ([`Ordered`]).
//!
//! Why two kinds: the per-row work (each answer's count slot and score,
//! the covariances' pair counts) was one thread's, and that thread set the
//! pace of the whole reading. Integer sums come out the same in any order
//! and split, so that work is shared; what is left in order is a few
//! additions per row and dimension.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::{Scope, ScopedJoinHandle};

use super::columns::Counts;
use super::engine::{Batch, Plan};
use super::sums::Ordered;

pub(super) struct Adders<'scope> {
    jobs: Option<SyncSender<(u64, Batch)>>,
    adders: Vec<ScopedJoinHandle<'scope, Counts>>,
    merger: ScopedJoinHandle<'scope, Ordered>,
}

impl<'scope> Adders<'scope> {
    /// Starts `n` adders and the merging thread in `scope`.
    pub(super) fn start<'env>(
        scope: &'scope Scope<'scope, 'env>,
        plan: &'env Plan,
        n: usize,
    ) -> Adders<'scope> {
        let n = n.max(1);
        // Two batches waiting per adder keep each busy; more would only
        // hold memory.
        let (jobs, jobs_rx) = sync_channel::<(u64, Batch)>(2 * n);
        let jobs_rx = Arc::new(Mutex::new(jobs_rx));
        // Not bounded: the merger takes every batch as it comes (it waits
        // for none), so at most the batches in flight queue here.
        let (scored_tx, scored_rx) = channel();
        let adders = (0..n)
            .map(|_| {
                let jobs = Arc::clone(&jobs_rx);
                let scored = scored_tx.clone();
                scope.spawn(move || {
                    let mut counts = Counts::new(plan);
                    loop {
                        let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        let Ok((seq, batch)) = job else { break };
                        let s = counts.add(plan, batch);
                        if scored.send((seq, s)).is_err() {
                            break;
                        }
                    }
                    counts
                })
            })
            .collect();
        drop(scored_tx);
        let merger = scope.spawn(move || {
            let mut ordered = Ordered::new(plan);
            let mut waiting = BTreeMap::new();
            let mut next = 0u64;
            for (seq, s) in scored_rx {
                waiting.insert(seq, s);
                while let Some(s) = waiting.remove(&next) {
                    ordered.add(plan, &s);
                    next += 1;
                }
            }
            ordered
        });
        Adders {
            jobs: Some(jobs),
            adders,
            merger,
        }
    }

    /// Where the reading thread sends its batches, in file order. Once
    /// dropped, the adders finish what they have.
    pub(super) fn sender(&mut self) -> impl FnMut(Batch) + use<> {
        let jobs = self.jobs.take().expect("one sender");
        let mut seq = 0;
        move |b: Batch| {
            // The adders only stop early by panicking; `finish` reports it.
            let _ = jobs.send((seq, b));
            seq += 1;
        }
    }

    /// Waits for every thread, and gives the sums of all batches sent.
    pub(super) fn finish(mut self, plan: &Plan) -> (Counts, Ordered) {
        self.jobs = None;
        let mut counts: Option<Counts> = None;
        for a in self.adders {
            let c = a.join().expect("an adding thread finished");
            match &mut counts {
                None => counts = Some(c),
                Some(all) => all.merge(plan, c),
            }
        }
        let ordered = self.merger.join().expect("the merging thread finished");
        (counts.expect("at least one adder"), ordered)
    }
}
