package io.ctiflow.stix.validation;

/** A STIX pattern that is not valid STIX 2.1 patterning language; {@link #getMessage()} names the position. */
public final class PatternSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int position;

    /**
     * @param reason   what is wrong, without the position
     * @param position zero-based character offset in the pattern where the problem starts
     */
    public PatternSyntaxException(String reason, int position) {
        super(reason + " at position " + position);
        this.reason = reason;
        this.position = position;
    }

    public String reason() {
        return reason;
    }

    /** Zero-based character offset in the pattern. */
    public int position() {
        return position;
    }
}
