import { useApiQuery } from '../../api/api-context';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DossierExport } from './DossierExport';
import { IntakeSection } from './IntakeSection';
import { LogbookSection, OpenAgreements } from './LogbookSection';
import { PhaseSection } from './PhaseSection';
import { GoalsSection } from '../goals/GoalsSection';
import { EvaluationCard } from '../evaluation/EvaluationCard';

/**
 * The dossier's parts on the family page. At follow-up the open agreements come first, for the
 * review with the parents; otherwise they stand under the logbook.
 */
export function DossierSections({ familyId, isCoordinator }: { familyId: number; isCoordinator: boolean }) {
  const dossier = useApiQuery('dossier.get', { familyId });
  if (dossier.error) return <ErrorMessage error={dossier.error} />;
  if (!dossier.data) return null;
  const d = dossier.data;
  const atFollowUp = d.currentPhase === 'follow-up';
  return (
    <>
      <PhaseSection dossier={d} isCoordinator={isCoordinator} />
      {atFollowUp && <OpenAgreements dossier={d} />}
      <IntakeSection dossier={d} />
      <LogbookSection dossier={d} />
      {!atFollowUp && <OpenAgreements dossier={d} />}
      <GoalsSection familyId={d.familyId} />
      <EvaluationCard familyId={d.familyId} />
      <DossierExport familyId={familyId} />
    </>
  );
}
