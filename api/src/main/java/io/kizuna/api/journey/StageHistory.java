package io.kizuna.api.journey;

import java.util.List;

public record StageHistory(List<StageTransition> transitions) {}
