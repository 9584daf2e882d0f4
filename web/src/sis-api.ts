// Calls of the candidate's file pre-fill from the SIS and of the formation link to the SIS.
import { request } from './api.ts';

const enc = encodeURIComponent;

import type { ProfileView } from '../../contracts/profile.ts';
import type { SisFormation as PortSisFormation } from '../../sis/port.ts';

/** The student's identifiers, with the candidate's birth date (YYYY-MM-DD), which must be the SIS student's. */
export type SisLookup = ({ studentNumber: string } | { ine: string; ineKey: string }) & { birthDate: string };

/** A formation of the SIS (sis/port.ts), with the formations already linked to it. */
export interface SisFormation extends PortSisFormation {
  linkedFormations: string[];
}
export interface SisFormationSearch {
  campaign: string;
  centre: string;
  sisType: 'A' | 'P' | 'D';
  restrictedTo: string[];
  formations: SisFormation[];
}
export interface LinkedFormation {
  code: string;
  label: string;
  centreCode: string;
  sisType: 'A' | 'P' | 'D';
  sis: { code: string; label: string | null; managementCentreCode: string | null; diplomaTypeCode: string | null } | null;
}
export interface CampaignSummary {
  code: string;
  label: string;
  sisType: 'A' | 'P' | 'D';
  active: boolean;
}

export const sisApi = {
  /** The file pre-filled from the SIS (the file itself: profile-api.ts). */
  lookup: (body: SisLookup) => request<{ changed: boolean; profile: ProfileView }>('POST', '/api/candidate/profile/sis-lookup', { body }),

  campaigns: () => request<CampaignSummary[]>('GET', '/api/campaigns'),
  staffFormations: () => request<LinkedFormation[]>('GET', '/api/staff/formations'),
  searchSisFormations: (q: { campaign: string; centre: string; search: string }) =>
    request<SisFormationSearch>('GET', `/api/staff/sis/formations?${new URLSearchParams(q)}`),
  linkFormation: (formationCode: string, code: string) =>
    request<LinkedFormation>('PUT', `/api/staff/formations/${enc(formationCode)}/sis`, { body: { code } }),
};
