import type { FluentIcon } from '@fluentui/react-icons';
import {
  AppsRegular,
  BuildingRegular,
  CertificateRegular,
  CheckmarkCircleRegular,
  LaptopRegular,
  PeopleRegular,
  Wifi1Regular,
} from '@fluentui/react-icons';
import type { ComponentType } from 'react';
import { wizardStepIds, type WizardStepId } from '../step-ids';
import { AccountsStep } from './AccountsStep';
import { ApplicationsStep } from './ApplicationsStep';
import { CertificatesStep } from './CertificatesStep';
import { DeviceStep } from './DeviceStep';
import { EnrollmentStep } from './EnrollmentStep';
import { FinishStep } from './FinishStep';
import { NetworkStep } from './NetworkStep';

export interface WizardStepDefinition {
  id: WizardStepId;
  icon: FluentIcon;
  /** The step's page; its title and description come from `wizard.steps.<id>.title|description`. */
  Component: ComponentType;
}

// A Record so that every id in step-ids.ts must have a page here (and nothing else).
const stepPages: Record<WizardStepId, Omit<WizardStepDefinition, 'id'>> = {
  device: { icon: LaptopRegular, Component: DeviceStep },
  network: { icon: Wifi1Regular, Component: NetworkStep },
  accounts: { icon: PeopleRegular, Component: AccountsStep },
  applications: { icon: AppsRegular, Component: ApplicationsStep },
  certificates: { icon: CertificateRegular, Component: CertificatesStep },
  enrollment: { icon: BuildingRegular, Component: EnrollmentStep },
  finish: { icon: CheckmarkCircleRegular, Component: FinishStep },
};

export const wizardSteps: readonly WizardStepDefinition[] = wizardStepIds.map((id) => ({
  id,
  ...stepPages[id],
}));
