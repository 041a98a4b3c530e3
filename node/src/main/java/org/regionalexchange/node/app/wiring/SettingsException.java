package org.regionalexchange.node.app.wiring;

/** A configuration key that is missing or wrong; the message names the key and how to fix it, in one line. */
public final class SettingsException extends RuntimeException {

    private final String key;

    public SettingsException(String key, String problem, String fix) {
        super(key + ": " + problem + " (" + fix + ")");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
