package io.kizuna.command.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteKeysTest {

    @Test
    void aKeyIsPrefixedBase64urlOf32RandomBytes() {
        String key = WriteKeys.generate();
        assertThat(key).startsWith("wk_").hasSize(3 + 43).matches("wk_[A-Za-z0-9_-]{43}");
        assertThat(WriteKeys.generate()).isNotEqualTo(key);
    }

    @Test
    void onlyTheSha256InHexIsKept() {
        assertThat(WriteKeys.hash("test"))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }
}
