package dev.weft.internal.time;

/**
 * A hierarchical timing wheel: 6 levels of 64 slots at 1 ms resolution, spanning 2^36 ms (about
 * 2.2 years). Single-threaded: the {@link TimeDriver} calls it under its lock.
 *
 * <h2>Implementation overview</h2>
 *
 * <pre>
 *   level 5  [64 slots x ~12.7 days]   each slot of a level spans one whole turn of the level below
 *   level 4  [64 slots x ~4.7 hours]
 *   level 3  [64 slots x ~4.4 min  ]
 *   level 2  [64 slots x ~4.1 s    ]
 *   level 1  [64 slots x 64 ms     ]
 *   level 0  [64 slots x 1 ms      ]   &lt;- entries fire from here
 *   occupied[level]: one bit per non-empty slot, so the next due slot is a rotate and a
 *   count-trailing-zeros away: O(1), no scan of empty slots or ticks.
 * </pre>
 *
 * <p>An entry due at tick {@code when} goes to the level of the highest 6-bit digit in which
 * {@code when} differs from {@code elapsed} (the wheel's current tick): {@code
 * ilog2((elapsed ^ when) | 63) / 6}, and to the slot given by {@code when}'s digit at that level.
 * So level-0 entries are all due within the current 64 ms block, level-1 ones within the current
 * 4 s block but a later 64 ms block, and so on: a lower level's entries are always due before a
 * higher level's. When a higher-level slot comes due (at its start), its entries are re-filed
 * relative to the new {@code elapsed} and fall to lower levels ("cascading"); each entry cascades
 * at most 5 times. Insert and remove are O(1) (doubly linked slot lists).
 *
 * <p>Due entries are moved to an expired list and handed out one at a time by
 * {@link #pollExpired(long)}, so the caller can wake them in batches with the lock dropped.
 * Deadlines beyond the span are filed in the farthest slot and re-filed when it comes due, so they
 * still fire at their true deadline.
 *
 * <p>Tokio's {@code runtime/time/wheel} is the model.
 */
final class TimerWheel {

    static final int LEVELS = 6;
    static final int SLOT_BITS = 6;
    static final int SLOTS = 1 << SLOT_BITS;
    /** The farthest tick ahead of {@code elapsed} that a slot can represent. */
    static final long MAX_SPAN = (1L << (SLOT_BITS * LEVELS)) - 1;
    /** Ticks covered by one slot of the top level. */
    private static final long TOP_SLOT_RANGE = 1L << (SLOT_BITS * (LEVELS - 1));

    private final TimerEntry[][] slots = new TimerEntry[LEVELS][SLOTS];
    private final long[] occupied = new long[LEVELS];
    private TimerEntry expiredHead;
    private long elapsed;
    private int size;

    /** @return the tick the wheel has been advanced to */
    long elapsed() {
        return elapsed;
    }

    /** @return entries linked (in slots or the expired list) */
    int size() {
        return size;
    }

    /**
     * Files an entry by its {@code deadlineTick}; one already due goes to the expired list.
     *
     * @param e an unlinked entry
     */
    void insert(TimerEntry e) {
        long when = e.deadlineTick;
        size++;
        if (when <= elapsed) {
            pushExpired(e);
            return;
        }
        // Never file in the next turn of the top-level slot that elapsed sits in: that slot would
        // be found first and hide every nearer top-level timer for a whole turn. Clamped entries
        // land in an earlier slot and are re-filed when it comes due.
        when = Math.min(when, (elapsed & -TOP_SLOT_RANGE) + MAX_SPAN);
        int level = levelFor(elapsed, when);
        int slot = (int) ((when >>> (level * SLOT_BITS)) & (SLOTS - 1));
        e.level = level;
        e.slot = slot;
        e.filedTick = when;
        e.prev = null;
        e.next = slots[level][slot];
        if (e.next != null) {
            e.next.prev = e;
        }
        slots[level][slot] = e;
        occupied[level] |= 1L << slot;
    }

    /**
     * Unlinks an entry from wherever it is.
     *
     * @param e a linked entry
     */
    void remove(TimerEntry e) {
        size--;
        if (e.level == TimerEntry.EXPIRED_LIST) {
            if (e.prev == null) {
                expiredHead = e.next;
            } else {
                e.prev.next = e.next;
            }
        } else {
            if (e.prev == null) {
                slots[e.level][e.slot] = e.next;
                if (e.next == null) {
                    occupied[e.level] &= ~(1L << e.slot);
                }
            } else {
                e.prev.next = e.next;
            }
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.level = TimerEntry.NOT_LINKED;
    }

    /**
     * Advances towards {@code now} and returns the next due entry (unlinked), or {@code null} once
     * everything due by {@code now} has been returned (the wheel then stands at {@code now}).
     *
     * @param now the current tick
     * @return a due entry, or {@code null}
     */
    TimerEntry pollExpired(long now) {
        for (;;) {
            TimerEntry e = expiredHead;
            if (e != null) {
                remove(e);
                return e;
            }
            long due = nextExpiration();
            if (due < 0 || due > now) {
                if (now > elapsed) {
                    elapsed = now;
                }
                return null;
            }
            cascade(due);
        }
    }

    /** Takes the slot due at {@code due}: its entries are re-filed relative to {@code due}. */
    private void cascade(long due) {
        int level = levelWithSlotDue(due);
        int slot = (int) ((due >>> (level * SLOT_BITS)) & (SLOTS - 1));
        TimerEntry e = slots[level][slot];
        slots[level][slot] = null;
        occupied[level] &= ~(1L << slot);
        elapsed = due;
        while (e != null) {
            TimerEntry next = e.next;
            e.prev = null;
            e.next = null;
            e.level = TimerEntry.NOT_LINKED;
            size--;
            insert(e); // due ones land on the expired list; later ones on a lower level
            e = next;
        }
    }

    /** The lowest occupied level holds the earliest slot: its entries are due before any above. */
    private int levelWithSlotDue(long due) {
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                assert slotDeadline(level) == due;
                return level;
            }
        }
        throw new IllegalStateException("no slot due at " + due);
    }

    /**
     * @return the tick at which the earliest occupied slot is due (an entry in a higher-level slot
     *     may be due later; it then cascades); {@code elapsed} if entries have already expired; -1
     *     if the wheel is empty
     */
    long nextExpiration() {
        if (expiredHead != null) {
            return elapsed;
        }
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return slotDeadline(level);
            }
        }
        return -1;
    }

    /** The start tick of the first occupied slot of {@code level} at or after {@code elapsed}. */
    private long slotDeadline(int level) {
        int shift = level * SLOT_BITS;
        long slotRange = 1L << shift;
        long levelRange = slotRange << SLOT_BITS;
        int nowSlot = (int) ((elapsed >>> shift) & (SLOTS - 1));
        int slot = (Long.numberOfTrailingZeros(Long.rotateRight(occupied[level], nowSlot)) + nowSlot) & (SLOTS - 1);
        long deadline = (elapsed & -levelRange) + slot * slotRange;
        if (deadline < elapsed) {
            deadline += levelRange; // the slot wrapped: it belongs to the level's next turn
        }
        return deadline;
    }

    private void pushExpired(TimerEntry e) {
        e.level = TimerEntry.EXPIRED_LIST;
        e.prev = null;
        e.next = expiredHead;
        if (expiredHead != null) {
            expiredHead.prev = e;
        }
        expiredHead = e;
    }

    static int levelFor(long elapsed, long when) {
        long masked = (elapsed ^ when) | (SLOTS - 1);
        int significant = 63 - Long.numberOfLeadingZeros(masked);
        return Math.min(significant / SLOT_BITS, LEVELS - 1);
    }
}
