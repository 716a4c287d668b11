package dev.weft.sync;

/**
 * The waiter list of one {@link Notify}: intrusive and doubly linked through {@link Notified}'s
 * {@code prev}/{@code next}, so linking allocates nothing and a closed waiter unlinks itself in
 * O(1). It is {@code WaitList} with a tail end as well: {@link Notify#notifyLast()} takes the
 * newest waiter, which {@code WaitList} does not offer.
 *
 * <p>Not thread-safe: every method is called under the owning {@code Notify}'s lock, which also
 * guards the link fields of every node in the list.
 */
final class NotifyList {

    private Notified head; // the longest waiting
    private Notified tail; // the newest
    private int size;

    void addLast(Notified n) {
        n.linked = true;
        n.prev = tail;
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
        size++;
    }

    /** @return the longest-waiting node, unlinked, or {@code null} */
    Notified pollFirst() {
        Notified h = head;
        if (h != null) {
            remove(h);
        }
        return h;
    }

    /** @return the newest node, unlinked, or {@code null} */
    Notified pollLast() {
        Notified t = tail;
        if (t != null) {
            remove(t);
        }
        return t;
    }

    /** @return whether {@code n} was linked (and now is not) */
    boolean remove(Notified n) {
        if (!n.linked) {
            return false;
        }
        Notified p = n.prev;
        Notified x = n.next;
        if (p == null) {
            head = x;
        } else {
            p.next = x;
        }
        if (x == null) {
            tail = p;
        } else {
            x.prev = p;
        }
        n.prev = null;
        n.next = null;
        n.linked = false;
        size--;
        return true;
    }

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }
}
