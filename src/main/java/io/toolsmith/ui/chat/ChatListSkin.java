package io.toolsmith.ui.chat;

import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/** Exposes the list's {@link VirtualFlow} so the chat can follow the end of a growing reply. */
final class ChatListSkin<T> extends ListViewSkin<T> {
    ChatListSkin(ListView<T> list) {
        super(list);
    }

    VirtualFlow<? extends IndexedCell<?>> flow() {
        return getVirtualFlow();
    }
}
