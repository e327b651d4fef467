package io.kizuna.projection.rebuild;

import io.kizuna.projection.index.ViewIndex;
import io.kizuna.projection.index.ViewTarget;
import java.util.Set;

/**
 * A projection whose views can be rebuilt from the event store while the live ones keep serving ({@link ViewRebuilds}):
 * it can make a second instance of its event handlers that writes into a rebuild's new indices with the same fold.
 * Its live writes must pass {@link io.kizuna.projection.index.LiveViewWrites} (through a live {@link ViewTarget}).
 */
public interface RebuildableProjection {

    /** The views this projection writes; they are rebuilt together. */
    Set<ViewIndex> views();

    /** The processing group of the live projection; a rebuild's group is named after it. */
    String processingGroup();

    /**
     * A new instance of this projection's {@code @EventHandler}s writing into {@code target}. Its handlers may use the
     * current unit of work, as under a processor: the rebuild runs them in a batching unit of work per batch.
     */
    Object writingInto(ViewTarget target);
}
