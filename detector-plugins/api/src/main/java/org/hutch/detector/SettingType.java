package org.hutch.detector;

/** The value type of a plugin setting, so a form can pick the right control. */
public enum SettingType {
    DOUBLE, INT, STRING, ENUM, BOOL
}
