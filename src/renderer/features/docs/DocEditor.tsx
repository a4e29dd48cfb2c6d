// The body editor: TipTap bound to the room's Yjs `body`, with everyone's carets.
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { UI } from '../../../core/messages/ui'

export function DocEditor({ doc, provider, editable, user, fragment = 'body', testId = 'doc-body' }: { doc: Y.Doc; provider: WebsocketProvider; editable: boolean; user: { name: string; color: string }; fragment?: string; testId?: string }): React.JSX.Element {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ fragment: doc.getXmlFragment(fragment) }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editable,
      editorProps: { attributes: { class: 'doc-body', 'data-testid': testId, 'data-placeholder': UI.docs.bodyPlaceholder } },
    },
    [doc, provider, fragment],
  )
  useEffect(() => {
    editor?.setEditable(editable)
  }, [editor, editable])
  return <EditorContent editor={editor} />
}
