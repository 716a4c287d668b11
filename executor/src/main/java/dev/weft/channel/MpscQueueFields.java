package dev.weft.channel;

/**
 * The fields of {@link MpscQueue}, each on its own cache line. A superclass's fields are laid out
 * before a subclass's, so this chain fixes the order: padding, {@code head}, padding,
 * {@code tail}, padding. 128 bytes per pad covers the adjacent-line prefetcher too.
 */
final class MpscQueueFields {

    private MpscQueueFields() {}

    abstract static class PadBeforeHead {
        long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
    }

    abstract static class Head<T> extends PadBeforeHead {
        MpscQueue.Node<T> head; // consumer only
    }

    abstract static class PadBeforeTail<T> extends Head<T> {
        long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35;
    }

    abstract static class Tail<T> extends PadBeforeTail<T> {
        volatile MpscQueue.Node<T> tail; // swapped by producers
    }

    abstract static class PadAfterTail<T> extends Tail<T> {
        long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55;
    }
}
