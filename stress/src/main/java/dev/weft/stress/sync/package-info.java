/**
 * Stress tests of {@code dev.weft.sync}: the primitives' futures polled by hand with counting
 * wakers, two actors racing on one protocol step, an arbiter checking what is left (stored
 * permits, queued waiters, counts) through package-private diagnostics reached by reflection.
 *
 * <ul>
 *   <li>Notify: {@code notifyOne} vs a first poll (never lost, never twice); {@code notifyWaiters}
 *       vs a first poll of a {@code Notified} created before it (it completes); a queued waiter's
 *       close vs {@code notifyOne} (the notification becomes the permit, or reaches the next
 *       waiter); a re-poll with a new waker vs {@code notifyOne} (the right waker is woken).</li>
 *   <li>Barrier: the last arrival vs the cancel of a waiting one (the count stays exact).</li>
 *   <li>Semaphore: release vs a cancelled queued acquire, with one and with two waiters (permit
 *       conservation); a first poll vs release (the {@code WAITERS} CAS); close vs a first poll.
 *   <li>Mutex: unlock vs lock (hand-off and happens-before; both sides take the guessed blind
 *       CAS). RwLock: a writer's cancel vs a reader's release (partial grants passed on); the
 *       writer's unlock and downgrade (guessed release) vs a reader's first poll. OnceCell: a
 *       finishing initialiser vs a waiter.</li>
 * </ul>
 */
package dev.weft.stress.sync;
