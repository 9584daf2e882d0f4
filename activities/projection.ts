// The read model: after each transition the workflow projects its view into `candidature` and the
// opinion history into `opinion_entry`. Idempotent and monotonic: a view is written only if its
// sequence number is higher than the stored one, so retries and out-of-order deliveries are harmless.
import type { Db } from '../infra/prisma.ts';
import type { CandidatureView } from '../domain/view.ts';

const date = (iso: string | null) => (iso ? new Date(iso) : null);

export async function projectCandidature(db: Db, view: CandidatureView): Promise<{ written: boolean }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.candidature.updateMany({
      where: { id: view.id, seq: { lt: view.seq } },
      data: {
        stage: view.stage,
        dossierStatus: view.dossierStatus,
        traitement: view.traitement.code,
        traitementValidated: view.traitement.validated,
        opinionKind: view.opinion?.kind ?? null,
        opinionDecisionType: view.opinion?.decisionType ?? null,
        opinionValidated: view.opinion?.validated ?? false,
        confirmationDeadline: date(view.confirmation.deadline),
        confirmationAnswer: view.confirmation.answer,
        answeredAt: date(view.confirmation.answeredAt),
        answeredBy: view.confirmation.answeredBy,
        cancelledAt: date(view.dates.cancelledAt),
        transmittedAt: date(view.dates.transmittedAt),
        receivedAt: date(view.dates.receivedAt),
        completedAt: date(view.dates.completedAt),
        incompleteAt: date(view.dates.incompleteAt),
        statusChangedAt: date(view.dates.statusChangedAt),
        exportStatus: view.export.status,
        exportedAt: date(view.export.at),
        proposition: view.proposition ?? false,
        seq: view.seq,
        view: view as object,
      },
    });
    if (count === 0) {
      const exists = await tx.candidature.findUnique({ where: { id: view.id }, select: { seq: true } });
      // The API writes the row before starting the workflow; a missing row is a bug worth retrying loudly.
      if (!exists) throw new Error(`read model row of candidature ${view.id} is missing`);
      return { written: false }; // a newer (or the same) view is already there
    }
    for (const o of view.opinions) {
      const data = {
        decisionTypeCode: o.decisionType,
        opinionKind: o.kind,
        motiveCode: o.motiveCode,
        comment: o.comment,
        lcRank: o.lcRank,
        appeal: o.appeal,
        preselectDate: o.interview?.date ?? null,
        preselectTime: o.interview?.time ?? null,
        preselectPlace: o.interview?.place ?? null,
        action: o.promotion ? 'L' : o.validated ? 'V' : 'S',
        deletedAt: date(o.deletedAt ?? null),
        deletedBy: o.deletedBy ?? null,
        enteredAt: new Date(o.enteredAt),
        enteredBy: o.enteredBy,
        validated: o.validated,
        validatedAt: date(o.validatedAt),
        validatedBy: o.validatedBy,
      };
      await tx.opinionEntry.upsert({
        where: { candidatureId_index: { candidatureId: view.id, index: o.index } },
        create: { candidatureId: view.id, index: o.index, ...data },
        update: data,
      });
    }
    // Piece statuses, keyed by the supporting document of the same code.
    if (view.pieces?.length) {
      const documents = await tx.supportingDocument.findMany({ where: { code: { in: view.pieces.map((p) => p.code) } }, select: { id: true, code: true } });
      const idOf = new Map(documents.map((d) => [d.code, d.id]));
      for (const p of view.pieces) {
        const supportingDocumentId = idOf.get(p.code);
        if (supportingDocumentId === undefined) continue;
        const data = { status: p.status, fileId: p.fileId, comment: p.comment, statusChangedAt: date(p.at), statusChangedBy: p.by };
        await tx.candidaturePiece.upsert({
          where: { candidatureId_supportingDocumentId: { candidatureId: view.id, supportingDocumentId } },
          create: { candidatureId: view.id, supportingDocumentId, ...data },
          update: data,
        });
      }
    }
    return { written: true };
  });
}
