package io.toolsmith.ui.chat;

/**
 * An action on a chat's messages as the window hands it to the engine: regenerate the last reply, edit a message of
 * the user's and send it again, or delete a message.
 *
 * @param index       the message acted on, counting only the messages the chat stores (not notes or problems the
 *                    window shows); ignored for {@link Kind#REGENERATE}
 * @param expected    the text the window shows for that message: the engine refuses when the chat holds another
 * @param text        the edited text, for {@link Kind#EDIT}
 * @param restoreData put the data folder back as it was before the dropped calls
 */
public record MessageAction(String conversationId, String model, Kind kind, int index, String expected, String text,
                            boolean restoreData) {

    public enum Kind {
        REGENERATE("Regenerate"), EDIT("Send edited"), DELETE("Delete");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name of the button that does it. */
        public String label() {
            return label;
        }
    }

    public MessageAction withRestoreData(boolean restore) {
        return new MessageAction(conversationId, model, kind, index, expected, text, restore);
    }
}
