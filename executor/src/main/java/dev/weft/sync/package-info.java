/**
 * Asynchronous synchronization: {@link dev.weft.sync.Mutex}, {@link dev.weft.sync.RwLock},
 * {@link dev.weft.sync.Semaphore}, {@link dev.weft.sync.Notify}, {@link dev.weft.sync.Barrier} and
 * {@link dev.weft.sync.OnceCell}. Waiting on any of them suspends the task, never the thread.
 *
 * <p>Every primitive is fair (first come, first served) and <em>cancel safe</em>: a waiter that is
 * aborted, timed out or loses a {@code select} is closed, leaves the queue, and hands on whatever
 * it had been granted but not yet seen, so no permit or notification is lost. Each waiting method
 * documents this in its Javadoc. Every successful acquire spends one unit of the task's
 * {@link dev.weft.Budget}, so a task that always finds the lock free still yields now and then.
 */
package dev.weft.sync;
