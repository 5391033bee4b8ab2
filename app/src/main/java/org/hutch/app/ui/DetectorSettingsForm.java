package org.hutch.app.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;
import org.hutch.detector.DetectorException;
import org.hutch.detector.DetectorPlugin;
import org.hutch.detector.SettingSpec;
import org.hutch.detector.SettingType;

/**
 * The settings of a detector plugin (URL, device, format...), drawn from its {@link SettingSpec}s as a
 * ControlsFX {@link PropertySheet}: a choice box for an ENUM, a check box for a BOOL, a text field
 * otherwise. {@code Open} checks every value with its spec and hands the options over; nothing is
 * opened here (opening is blocking, the caller does it off the FX thread). FX thread only.
 * Node ids: {@code #detector-settings} (the sheet), {@code #detector-settings-title},
 * {@code #open-detector}, {@code #detector-settings-error}.
 */
public final class DetectorSettingsForm extends VBox {
    private static final String REQUIRED = "Required";

    /** One option of the plugin as a sheet row; the value is text (the plugin's own form) or a Boolean for BOOL. */
    private static final class SpecItem implements PropertySheet.Item {
        final SettingSpec spec;
        Object value;

        SpecItem(SettingSpec spec, String text) {
            this.spec = spec;
            this.value = spec.type() == SettingType.BOOL ? Boolean.valueOf(text) : text == null ? "" : text;
        }

        @Override public Class<?> getType() { return spec.type() == SettingType.BOOL ? Boolean.class : String.class; }
        @Override public String getCategory() { return spec.defaultValue() == null ? REQUIRED : "Options"; }
        @Override public String getName() { return spec.label() + (spec.unit().isEmpty() ? "" : " [" + spec.unit() + "]"); }
        @Override public String getDescription() { return spec.key() + ": " + spec.description(); }
        @Override public Object getValue() { return value; }
        @Override public void setValue(Object v) { value = v; }
        @Override public Optional<ObservableValue<?>> getObservableValue() { return Optional.empty(); }

        /** The value as the plugin takes it, or {@code null} when left empty. */
        String text() {
            String t = value == null ? "" : value.toString().trim();
            return t.isEmpty() ? null : t;
        }
    }

    private final Label title = new Label();
    private final PropertySheet sheet = new PropertySheet();
    private final Button open = new Button("Open");
    private final Label error = new Label();
    private final List<SpecItem> items = new ArrayList<>();
    private String pluginId;
    private Consumer<Map<String, String>> onOpen = m -> { };

    public DetectorSettingsForm() {
        super(6);
        setId("detector-settings-form");
        title.setId("detector-settings-title");
        title.getStyleClass().add("detector-name");
        sheet.setId("detector-settings");
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setModeSwitcherVisible(false);
        // what must be filled in comes first (and so opens first); the options after it
        sheet.setCategoryComparator(java.util.Comparator.comparing((String c) -> !REQUIRED.equals(c)));
        sheet.setSearchBoxVisible(false);
        DefaultPropertyEditorFactory defaults = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(item -> item instanceof SpecItem s && s.spec.type() == SettingType.ENUM
                ? Editors.createChoiceEditor(item, FXCollections.observableArrayList(s.spec.allowedValues()))
                : defaults.call(item));
        open.setId("open-detector");
        open.setDefaultButton(false);
        open.setOnAction(e -> {
            Optional<Map<String, String>> options = checked();
            options.ifPresent(onOpen);
        });
        error.setId("detector-settings-error");
        error.setWrapText(true);
        error.getStyleClass().add("error-text");
        getChildren().setAll(title, sheet, open, error);
    }

    /** Shows {@code plugin}'s settings, filled with {@code remembered} values, else the defaults. */
    public void show(DetectorPlugin plugin, Map<String, String> remembered) {
        pluginId = plugin.id();
        title.setText(plugin.displayName() + " settings");
        items.clear();
        for (SettingSpec s : plugin.settings()) {
            String v = remembered != null && remembered.containsKey(s.key()) ? remembered.get(s.key()) : s.defaultValue();
            items.add(new SpecItem(s, v));
        }
        sheet.getItems().setAll(items);
        error.setText("");
    }

    /** The plugin whose settings are shown, or {@code null}. */
    public String pluginId() {
        return pluginId;
    }

    /** Called with the checked options (only those that differ from their defaults) when the user clicks Open. */
    public void onOpen(Consumer<Map<String, String>> c) {
        onOpen = c;
    }

    public void setError(String message) {
        error.setText(message == null ? "" : message);
    }

    /** Whether every setting has a value (nothing required is left empty). */
    public boolean complete() {
        return items.stream().allMatch(i -> i.text() != null || i.spec.defaultValue() != null);
    }

    /**
     * Checks every value with its spec; shows the first error and returns empty, or returns the options
     * that differ from the plugin's defaults (what a {@code --detector ID:k=v,...} spec would say).
     */
    public Optional<Map<String, String>> checked() {
        Map<String, String> options = new LinkedHashMap<>();
        for (SpecItem i : items) {
            String v = i.text();
            try {
                String valid = i.spec.validate(v != null ? v : i.spec.defaultValue());
                if (!valid.equals(i.spec.defaultValue())) {
                    options.put(i.spec.key(), valid);
                }
            } catch (DetectorException e) {
                error.setText(e.getMessage());
                return Optional.empty();
            }
        }
        error.setText("");
        return Optional.of(options);
    }

    /** {@code id[:k=v,...]} for these options (the form of {@code --detector}). */
    public static String spec(String id, Map<String, String> options) {
        StringBuilder sb = new StringBuilder(id);
        char sep = ':';
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ',';
        }
        return sb.toString();
    }
}
