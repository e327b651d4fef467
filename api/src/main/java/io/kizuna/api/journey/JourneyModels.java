package io.kizuna.api.journey;

import java.util.List;

/** Every journey model at its latest version; {@code defaultModel} is the id of the default one. */
public record JourneyModels(List<JourneyModel> models, String defaultModel) {}
