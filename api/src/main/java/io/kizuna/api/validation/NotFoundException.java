package io.kizuna.api.validation;

/** Something the input names does not exist; {@code field} is the input field that named it. */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
