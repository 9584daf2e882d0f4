// Post-it notes of a candidature (the reference's bloc-notes, `post_it`): the managers' notepad,
// shared with the commission. Everyone who may see the candidature reads them; writing takes the right
// GEST_POST_IT there (admins hold every right); a note is deleted by its author or an admin. Each
// note records who wrote it and when.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PostItList, PostItView } from '../contracts/staff-actions.ts';
import { loadCandidature } from './candidature-service.ts';
import { requireStaff } from './plugins/auth.ts';
import { forbidden, notFound } from './problem.ts';
import { actorOn, isAdmin } from './scope.ts';

type Row = { id: number; message: string; author: string; createdAt: Date };

/** The reader, in the candidature's scope (403 outside it), and whether they may write notes there. */
async function reader(app: FastifyInstance, request: FastifyRequest, candidatureId: string) {
  const row = await loadCandidature(app, candidatureId);
  const { actor } = await actorOn(app, request, 'staff', row);
  const user = requireStaff(request);
  return { user, admin: isAdmin(user), writable: (actor.kind === 'staff' && actor.rights?.includes('GEST_POST_IT')) ?? false };
}

async function views(app: FastifyInstance, rows: Row[], login: string, admin: boolean): Promise<PostItView[]> {
  const authors = await app.db.staffUser.findMany({
    where: { login: { in: [...new Set(rows.map((r) => r.author))] } },
    select: { login: true, displayName: true },
  });
  const nameOf = new Map(authors.map((a) => [a.login, a.displayName]));
  return rows.map((r) => ({
    id: r.id,
    message: r.message,
    author: r.author,
    authorName: nameOf.get(r.author) ?? r.author,
    createdAt: r.createdAt.toISOString(),
    deletable: admin || r.author === login,
  }));
}

/** The notes of a candidature, newest first. */
export async function listPostIts(app: FastifyInstance, request: FastifyRequest, candidatureId: string): Promise<PostItList> {
  const { user, admin, writable } = await reader(app, request, candidatureId);
  const rows = await app.db.postIt.findMany({ where: { candidatureId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  return { items: await views(app, rows, user.login, admin), writable };
}

/** Adds a note (right GEST_POST_IT). */
export async function addPostIt(app: FastifyInstance, request: FastifyRequest, candidatureId: string, message: string): Promise<PostItView> {
  const { user, admin, writable } = await reader(app, request, candidatureId);
  if (!writable)
    throw forbidden({
      fr: 'Droit « gestion du bloc-notes » (GEST_POST_IT) requis pour écrire un post-it.',
      en: 'The right “notepad” (GEST_POST_IT) is required to write a post-it note: ask an administrator for it on this commission.',
    });
  const row = await app.db.postIt.create({ data: { candidatureId, message, author: user.login } });
  return (await views(app, [row], user.login, admin))[0]!;
}

/** Deletes a note: its author or an admin. */
export async function deletePostIt(app: FastifyInstance, request: FastifyRequest, candidatureId: string, postItId: number): Promise<void> {
  const { user, admin } = await reader(app, request, candidatureId);
  const note = await app.db.postIt.findFirst({ where: { id: postItId, candidatureId } });
  if (!note) throw notFound({ fr: `Aucun post-it ${postItId} sur cette candidature.`, en: `There is no post-it note ${postItId} on this application.` });
  if (note.author !== user.login && !admin)
    throw forbidden({
      fr: 'Seul l’auteur d’un post-it ou un administrateur peut le supprimer.',
      en: 'Only the author of a post-it note or an administrator may delete it.',
    });
  await app.db.postIt.delete({ where: { id: postItId } });
}
