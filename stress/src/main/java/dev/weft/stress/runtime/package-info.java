/**
 * Stress tests of {@code dev.weft.internal.runtime}: {@code Parker}'s park vs unpark, as a
 * termination test (a lost unpark leaves the actor parked: STALE).
 */
package dev.weft.stress.runtime;
