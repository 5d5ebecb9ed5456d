import { ConnectionType, Sensitive } from '@liangling/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Gender } from './enums';

@ObjectType({ description: 'A resident (居民): what a caller sees of one is decided field by field and row by row.' })
@Directive('@key(fields: "id")')
export class Resident {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Full name; masked as 张** for callers who may not see it.' })
  @Sensitive({ level: 'PERSONAL', mask: 'NAME', owner: 'id' })
  name!: string;

  @Field(() => Gender, { nullable: true })
  @Sensitive({ level: 'PERSONAL', mask: 'NULL', owner: 'id' })
  gender!: Gender;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; masked whole (`***`): even the year would tell who is elderly.' })
  @Sensitive({ level: 'PERSONAL', mask: 'REDACT', owner: 'id' })
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'Mainland mobile number; masked as 138****5678.' })
  @Sensitive({ level: 'PERSONAL', mask: 'PHONE', owner: 'id' })
  phone!: string;

  @Field(() => String, {
    nullable: true,
    description: '18-digit resident identity number (居民身份证号); masked as 2101************** (the city of registration only).',
  })
  @Sensitive({ level: 'SENSITIVE', mask: 'ID_NUMBER', owner: 'id' })
  idNumber!: string;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: lives alone.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  livesAlone!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: 60 or older.' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  elderly!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: registered disability (health data, PIPL Art. 28).' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  disability!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Care flag: low-income household support (低保).' })
  @Sensitive({ level: 'SENSITIVE', mask: 'NULL', owner: 'id' })
  lowIncome!: boolean;

  householdId!: string;
  gridId!: string;
  regionPath!: string;
}

/** A page of residents. */
export const ResidentConnection = ConnectionType('Resident', Resident);
