package org.hutch.app.live;

/** How the live view's link to the receiver is doing. */
public enum ConnectionState {
    /** first contact not made yet */
    CONNECTING,
    /** the last poll succeeded */
    CONNECTED,
    /** polls fail; retrying with back-off */
    LOST
}
