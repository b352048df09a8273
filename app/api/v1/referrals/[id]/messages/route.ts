import { apiRoute } from '@/lib/http/api-route';
import { parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/respond';
import { listThread, type ThreadMessage } from '@/lib/messages/list-thread';
import { markThreadRead } from '@/lib/messages/mark-thread-read';
import { postMessage } from '@/lib/messages/post-message';
import { postMessageSchema } from '@/lib/messages/post-message.schema';

type Params = { id: string };

const bodySchema = postMessageSchema.omit({ referralId: true });

function toDto(m: ThreadMessage) {
  return {
    id: m.id,
    visibility: m.visibility,
    author: { type: m.authorType, name: m.authorName },
    body: m.body,
    createdAt: m.createdAt.toISOString(),
    readByMe: m.readByMe,
    readByReferringVetAt: m.readByReferringVetAt?.toISOString() ?? null,
  };
}

// Reading the thread is recorded and marks it read, as opening it in the app does.
export const GET = apiRoute<Params>({ permission: 'message.read' }, async ({ params, ctx, db }) => {
  const messages = await listThread(db, ctx, params.id);
  await markThreadRead(db, ctx, params.id);

  return json({ data: messages.map(toDto) });
});

// Internal notes additionally need note.post, which postMessage checks.
export const POST = apiRoute<Params>(
  { permission: 'message.post' },
  async ({ req, params, ctx, db }) => {
    const input = await parseJson(req, bodySchema);

    const message = await postMessage(db, ctx, { ...input, referralId: params.id });

    return json(
      {
        data: {
          id: message.id,
          visibility: message.visibility,
          author: { type: message.authorType, name: message.authorName },
          body: message.body,
          createdAt: message.createdAt.toISOString(),
        },
      },
      { status: 201 },
    );
  },
);
