import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AlertKind, AlertSeverity, AlertStatus } from './enums';
import type { Alert as AlertRow } from './generated/prisma/client';
import { BuildingReference, RegionReference } from './references';

@ObjectType({ description: 'Where an alert is: its region path (down to a grid, or a street for a surge) and its building.' })
export class AlertPlace {
  @Field(() => [ID], { description: 'Region ids from the city down.' })
  regionPath!: string[];

  @Field(() => RegionReference, { description: 'The smallest region that holds it.' })
  region!: RegionReference;

  @Field(() => BuildingReference, { nullable: true })
  building!: BuildingReference | null;
}

@ObjectType({ description: 'The records an alert was raised on, by id, for staff to follow up in their departments.' })
export class AlertRelations {
  @Field(() => [ID])
  deviceIds!: string[];

  @Field(() => [ID], { description: 'Repair requests (requests subgraph).' })
  requestIds!: string[];

  @Field(() => [ID], { description: 'Petitions (petitions subgraph).' })
  petitionIds!: string[];
}

@ObjectType({ description: 'An early warning (预警), raised by the early-warning engine from data of several departments.' })
@Directive('@key(fields: "id")')
export class Alert {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field({ description: 'Code of the department it is routed to; the emergency department may handle any alert.' })
  department!: string;

  @Field(() => Date)
  raisedAt!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  residentId!: string | null;
  regionPath!: string;
}

@ObjectType()
export class RaisedAlert {
  @Field(() => Alert)
  alert!: AlertRow;

  @Field({ description: 'False when an alert with the same dedupe key existed already (nothing new was raised).' })
  created!: boolean;
}
