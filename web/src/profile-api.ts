// Calls of the candidate's whole file: the file itself, its lists (external cursus, internships,
// professional experience) and the referential look-ups its selects search (contracts/profile.ts).
import type {
  ExperienceBody,
  ExperienceRow,
  ExternalCursusBody,
  ExternalCursusRow,
  InternshipBody,
  InternshipRow,
  LookupList,
  LookupPageView,
  ProfileBody,
  ProfileListSection,
  ProfileView,
} from '../../contracts/profile.ts';
import { request } from './api.ts';

export type { LookupList, LookupPageView, LookupRowView, ProfileListSection, ProfileView } from '../../contracts/profile.ts';

export interface ListRows {
  'external-cursus': ExternalCursusRow;
  internships: InternshipRow;
  experiences: ExperienceRow;
}
export interface ListBodies {
  'external-cursus': ExternalCursusBody;
  internships: InternshipBody;
  experiences: ExperienceBody;
}

/** Look-up filters (postcode, department, commune, bac, year) and paging. */
export type LookupFilters = Partial<Record<'q' | 'codes' | 'postcode' | 'department' | 'commune' | 'bac' | 'year' | 'limit' | 'offset', string | number>>;

export const profileApi = {
  profile: () => request<ProfileView>('GET', '/api/candidate/profile'),
  save: (body: ProfileBody) => request<ProfileView>('PUT', '/api/candidate/profile', { body }),
  lookup: (list: LookupList, filters: LookupFilters) => {
    const query = new URLSearchParams(
      Object.entries(filters)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, String(v)]),
    );
    return request<LookupPageView>('GET', `/api/candidate/referentials/${list}?${query}`);
  },
  create: <S extends ProfileListSection>(section: S, body: ListBodies[S]) => request<ListRows[S]>('POST', `/api/candidate/profile/${section}`, { body }),
  update: <S extends ProfileListSection>(section: S, id: number, body: ListBodies[S]) =>
    request<ListRows[S]>('PUT', `/api/candidate/profile/${section}/${id}`, { body }),
  remove: (section: ProfileListSection, id: number) => request<void>('DELETE', `/api/candidate/profile/${section}/${id}`),
};
