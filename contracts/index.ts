// The contracts of the system, in one place: what the API, the workflows, the worker and the web app
// say to each other. Start here.
//   candidature.ts       the candidature workflow: id, view, every transition (Update) with its
//                        arguments and HTTP routes, the view/state queries, the archiving signal
//   candidature-details.ts what the candidate's page shows beside the view (labels, contact, rank)
//   bulk.ts              mass actions: request (derived from the transitions), progress, results
//   waiting-list.ts      a formation's complementary list: id, event signal, view query
//   staff.ts             the managers' list of candidatures, decision types, motives
//   staff-stats.ts       a campaign's statistics per centre, commission, formation and week
//   admin.ts             a candidature's workflow history, the search of candidature workflows
//   actors.ts            who acts (candidate, staff with rights, system)
//   refusals.ts          refusal kinds and their HTTP status, problem details
//   campaign.ts          a campaign's lifecycle (archiving, destruction): id, update, query
//   referential-sync.ts  the daily SIS referential synchronisation: progress query
//   search-attributes.ts the Temporal search attributes of candidature workflows
// Code lists (statuses, kinds…) are in domain/codes.ts; the rules in domain/.
export * from './actors.ts';
export * from './admin.ts';
export * from './bulk.ts';
export * from './candidature.ts';
export * from './candidature-details.ts';
export * from './refusals.ts';
export * from './staff.ts';
export * from './staff-stats.ts';
export * from './waiting-list.ts';
export * from './campaign.ts';
export * from './referential-sync.ts';
export * from './accounts.ts';
export * from './catalogue.ts';
