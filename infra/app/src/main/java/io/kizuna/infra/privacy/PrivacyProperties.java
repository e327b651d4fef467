package io.kizuna.infra.privacy;

import io.kizuna.api.privacy.PersonalData;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What is personal, and how data keys are cached.
 *
 * @param traits trait names whose values are personal (default {@link PersonalData#DEFAULT_TRAITS})
 * @param identifierTypes identifier types whose values are personal (default email, phone, userId)
 * @param properties touchpoint property names declared personal (default none)
 * @param keyCacheTtl how long a data key look-up is kept (default 1 minute): a key destroyed on another node is still
 *     used here for at most this long; one destroyed on this node never again
 * @param keyCacheSize how many customers' keys are kept in memory (default 100,000)
 */
@ConfigurationProperties("kizuna.privacy")
public record PrivacyProperties(
        Set<String> traits,
        Set<String> identifierTypes,
        Set<String> properties,
        Duration keyCacheTtl,
        Long keyCacheSize) {

    public PrivacyProperties {
        traits = traits == null ? PersonalData.DEFAULT_TRAITS : traits;
        identifierTypes = identifierTypes == null ? PersonalData.DEFAULT_IDENTIFIER_TYPES : identifierTypes;
        properties = properties == null ? Set.of() : properties;
        keyCacheTtl = keyCacheTtl == null ? Duration.ofMinutes(1) : keyCacheTtl;
        keyCacheSize = keyCacheSize == null ? 100_000L : keyCacheSize;
    }
}
