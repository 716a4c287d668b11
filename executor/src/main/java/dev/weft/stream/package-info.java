/**
 * Asynchronous streams: {@link dev.weft.stream.AsyncStream}, polled for items with
 * {@link dev.weft.stream.StreamPoll} outcomes, with sources, adapters and consumers in the style
 * of Rust's {@code StreamExt}. An adapter owns its upstream and closes it when it ends, ends early,
 * fails or is closed.
 */
package dev.weft.stream;
