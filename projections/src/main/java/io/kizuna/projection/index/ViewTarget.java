package io.kizuna.projection.index;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a projection reads and writes its views: the live aliases, through the {@link LiveViewWrites} gate, or the new
 * indices of a rebuild. The projection's fold is the same for both.
 */
public final class ViewTarget {

    private final Function<ViewIndex, String> indexOf;
    private final LiveViewWrites gate;

    private ViewTarget(Function<ViewIndex, String> indexOf, LiveViewWrites gate) {
        this.indexOf = indexOf;
        this.gate = gate;
    }

    /** The aliases every reader uses; writes pass the gate. */
    public static ViewTarget live(ViewIndexNames names, LiveViewWrites gate) {
        return new ViewTarget(names::alias, gate);
    }

    /** The aliases, with no gate: for tools and tests that write views directly. */
    public static ViewTarget aliases(ViewIndexNames names) {
        return new ViewTarget(names::alias, null);
    }

    /** Concrete indices a rebuild fills; a view not named here is not written by the rebuild. */
    public static ViewTarget rebuild(Map<ViewIndex, String> indices) {
        Map<ViewIndex, String> copy = new EnumMap<>(indices);
        return new ViewTarget(
                view -> {
                    String index = copy.get(view);
                    if (index == null) {
                        throw new IllegalStateException("this rebuild does not write view " + view.viewName());
                    }
                    return index;
                },
                null);
    }

    /** The index (or alias) to read and write the view in. */
    public String index(ViewIndex view) {
        return indexOf.apply(view);
    }

    /** Runs one write of the views (reads included), through the gate for live targets. */
    public void write(Runnable write) {
        if (gate == null) {
            write.run();
        } else {
            gate.write(write);
        }
    }
}
