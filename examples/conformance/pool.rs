//! The runner's two worker threads (64 MiB stacks, for deep trees), shared by the corpus run and `--paste`:
//! jobs taken from one queue, results handed back as they finish, with a progress line every 100.

use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;

/// Runs `work` on every job on two threads, calling `each` with each result in the order they finish.
pub fn run<J, R>(jobs: Vec<J>, work: impl Fn(J) -> R + Send + Sync + 'static, mut each: impl FnMut(R))
where
    J: Send + 'static,
    R: Send + 'static,
{
    let start = Instant::now();
    let total = jobs.len();
    let queue = Arc::new(Mutex::new(jobs.into_iter()));
    let work = Arc::new(work);
    let (tx, rx) = mpsc::channel();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (queue, tx, work) = (Arc::clone(&queue), tx.clone(), Arc::clone(&work));
            std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn(move || loop {
                    let Some(job) = queue.lock().unwrap().next() else { break };
                    if tx.send(work(job)).is_err() {
                        break;
                    }
                })
                .expect("spawn a worker")
        })
        .collect();
    drop(tx);
    for (i, r) in rx.into_iter().enumerate() {
        each(r);
        if (i + 1) % 100 == 0 {
            eprintln!("{}/{total} ({:.0?})", i + 1, start.elapsed());
        }
    }
    for w in workers {
        let _ = w.join();
    }
}
