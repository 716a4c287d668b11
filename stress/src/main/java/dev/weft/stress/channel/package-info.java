/**
 * Stress tests of {@code dev.weft.channel}: each channel driven by hand from two threads, its
 * receives polled with counting wakers, an arbiter checking what each side saw.
 *
 * <ul>
 *   <li>Broadcast: a send overwriting the oldest value vs a receiver reading it (the value or
 *       {@code Lagged(1)}, never both, never a lag of 0); a send vs a receive's first poll (ready,
 *       or woken exactly once).</li>
 *   <li>Mpsc: the capacity boundary (trySend vs tryRecv on {@code bounded(1)}); a full send vs a
 *       receive (the slot handed over); a receive's first poll, and a waker swap, vs a send; close,
 *       send-then-close and a returned reservation vs a waiting receive (the end is never reported
 *       before a message); a cancelled waiting send vs a receive (its slot passed on); close vs a
 *       waiting send; two producers' order; a parking receiver (termination).</li>
 *   <li>Oneshot: send vs receiver close (received or handed back, exactly once); a first poll vs
 *       send and vs sender close; a waker swap vs send; {@code closed()} vs receiver close.</li>
 *   <li>Watch: a {@code changed()} first poll vs send (ready or woken once, no waiter left).</li>
 * </ul>
 */
package dev.weft.stress.channel;
