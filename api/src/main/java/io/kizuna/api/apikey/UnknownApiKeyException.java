package io.kizuna.api.apikey;

import io.kizuna.api.validation.NotFoundException;

/** No API key has this id. */
public class UnknownApiKeyException extends NotFoundException {

    public UnknownApiKeyException(String keyId) {
        super("id", "no API key with id " + keyId);
    }
}
