package app.earmark.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads catalogue files (YAML or JSON) into definitions, reports what is wrong with them in words an
 * administrator can act on, and writes the canonical JSON that is stored and hashed.
 */
final class CatalogueFiles {

    static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(JsonMapper.builder());
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    private CatalogueFiles() {
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> M configure(
            B builder) {
        return builder.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                // YAML reads an unquoted 1.10 as the number 1.1: refuse numbers where text is expected.
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .build();
    }

    static UnitDefinition readUnit(String fileName, byte[] content) {
        UnitDefinition unit = read(fileName, content, UnitDefinition.class);
        List<String> problems = UnitRules.problems(unit);
        if (!problems.isEmpty()) {
            throw new CatalogueFileException(fileName, problems);
        }
        return unit;
    }

    static QualificationDefinition readQualification(String fileName, byte[] content) {
        QualificationDefinition qualification = read(fileName, content, QualificationDefinition.class);
        List<String> problems = QualificationRules.problems(qualification);
        if (!problems.isEmpty()) {
            throw new CatalogueFileException(fileName, problems);
        }
        return qualification;
    }

    static String canonicalJson(Object definition) {
        try {
            return CANONICAL.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A definition that was read can always be written", e);
        }
    }

    static <T> T fromCanonicalJson(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("Stored catalogue JSON could not be read back", e);
        }
    }

    private static <T> T read(String fileName, byte[] content, Class<T> type) {
        if (content.length == 0) {
            throw new CatalogueFileException(fileName, List.of("The file is empty."));
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new CatalogueFileException(fileName, List.of("The file is " + content.length
                    + " bytes; a catalogue file may be at most " + MAX_FILE_BYTES + " bytes."));
        }
        boolean json = isJson(fileName, content);
        try {
            T value = (json ? JSON : YAML).readValue(content, type);
            if (value == null) {
                throw new CatalogueFileException(fileName, List.of("The file holds no " + (json ? "JSON" : "YAML")
                        + " document."));
            }
            return value;
        } catch (CatalogueFileException e) {
            throw e;
        } catch (JsonMappingException e) {
            throw new CatalogueFileException(fileName, List.of(describe(e)));
        } catch (JsonProcessingException e) {
            throw new CatalogueFileException(fileName, List.of("The file is not valid " + (json ? "JSON" : "YAML")
                    + at(e.getLocation()) + ": " + firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new CatalogueFileException(fileName, List.of("The file could not be read: " + e.getMessage()));
        }
    }

    private static boolean isJson(String fileName, byte[] content) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return false;
        }
        for (byte b : content) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static String describe(JsonMappingException e) {
        String path = path(e.getPath());
        String where = at(e.getLocation());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'" + (path.isEmpty() ? "" : " in " + path) + where
                    + "; the fields allowed here are " + unknown.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().collect(Collectors.joining(", ")) + ".";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == String.class) {
            return path + where + ": " + invalid.getValue() + " is read as a number; put the value in quotes (\""
                    + invalid.getValue() + "\").";
        }
        if (e instanceof InvalidFormatException invalid) {
            String expected = invalid.getTargetType().isEnum()
                    ? "one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
                    : "a " + simpleName(invalid.getTargetType());
            return path + where + ": '" + invalid.getValue() + "' is not " + expected + ".";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            String hint = mismatched.getTargetType() == String.class ? " (put the value in quotes)" : "";
            return path + where + ": expected " + article(simpleName(mismatched.getTargetType())) + hint + ".";
        }
        return (path.isEmpty() ? "The file" : path) + where + ": " + firstLine(e.getOriginalMessage());
    }

    private static String simpleName(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "whole number";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        return "mapping (" + type.getSimpleName() + ")";
    }

    private static String article(String noun) {
        return noun.startsWith("true") ? noun : ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        var path = new StringBuilder();
        for (var reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(message).trim();
    }
}
