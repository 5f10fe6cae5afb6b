package io.ctiflow.sink;

/** What a SIEM send did: lines written (one per indicator) and objects skipped (not indicators). */
public record SiemResult(int lines, int skipped) {
}
