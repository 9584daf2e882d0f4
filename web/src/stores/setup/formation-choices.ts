// What a formation chooses from besides documents: the questions asked to its candidates and the
// decision types of its validated admissions (read only here; kept by their own setup screens).
import { defineStore } from 'pinia';
import { setupApi } from '../../setup-api.ts';
import { setupCollection } from './collection.ts';

export const useQuestionsStore = defineStore('setup-questions', () => setupCollection(setupApi.questions));
export const useDecisionTypesStore = defineStore('setup-decision-types', () => setupCollection(setupApi.decisionTypes));
